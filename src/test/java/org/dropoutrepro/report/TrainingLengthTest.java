package org.dropoutrepro.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validation curve is read as still improving, overfitting or with no clear trend against the validation set's own noise. */
class TrainingLengthTest {

    /** 10,000 validation examples: one binomial standard error near 10% error is 0.30 points. */
    private static final int VALIDATION = 10_000;

    @TempDir
    Path dir;

    private static List<double[]> curve(int epochs, IntToDoubleFunction error) {
        List<double[]> points = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) points.add(new double[] {epoch, error.applyAsDouble(epoch)});
        return points;
    }

    private static List<double[]> flat(int epochs, double error) {
        return curve(epochs, e -> error);
    }

    @Test
    void aCurveStillFallingByMoreThanTheValidationNoiseIsStillImproving() {
        // falls 0.05 points per epoch: 0.60 points over the last 12 of 48 epochs (fit over 11 epoch steps: 0.55), SE 0.30
        TrainingLength r = TrainingLength.read("dropout", curve(48, e -> 0.14 - 0.0005 * e), flat(48, 0.08), VALIDATION);
        assertEquals(TrainingLength.Reading.STILL_IMPROVING, r.reading());
        assertEquals(12, r.window());
        assertEquals(-0.0055, r.lastQuarterChange(), 1e-12);
        assertEquals(48, r.lowestEpoch());
        assertEquals(0.14 - 0.0005 * 48 - 0.08, r.finalGap(), 1e-12);
    }

    @Test
    void aSteadyFallSmallerThanTheValidationSetsNoiseIsStillAFall() {
        // 0.02 points per epoch: 0.22 over the window, below the validation set's binomial SE of 0.30, but every epoch is
        // scored on the same examples and the curve does not scatter around its line: the fall is real
        TrainingLength r = TrainingLength.read("dropout", curve(48, e -> 0.12 - 0.0002 * e), flat(48, 0.08), VALIDATION);
        assertTrue(-r.lastQuarterChange() < r.standardError(), "fixture: the fall is inside the binomial SE");
        assertEquals(TrainingLength.Reading.STILL_IMPROVING, r.reading());
    }

    @Test
    void theSameFallInsideTheCurvesOwnScatterIsAPlateau() {
        // the same 0.22-point fall, with the curve alternating +-0.3 points around it: the t statistic of the slope is small
        TrainingLength r = TrainingLength.read("dropout", curve(48, e -> 0.12 - 0.0002 * e + (e % 2 == 0 ? 0.003 : -0.003)), flat(48, 0.08),
                VALIDATION);
        assertTrue(r.lastQuarterChange() < 0, "fixture: the line falls");
        assertTrue(-r.lastQuarterChange() < 1.812 * r.changeStandardError(), "fixture: t above the one-sided 5% critical value at 10 df");
        assertEquals(TrainingLength.Reading.NO_CLEAR_TREND, r.reading());
    }

    @Test
    void aMinimumBeforeTheLastQuarterAndAClimbAboveItIsOverfitting() {
        // lowest 10.0% at epoch 20, then rising 0.03 points per epoch: 10.84% at epoch 48, 0.84 points above it
        TrainingLength r = TrainingLength.read("standard", curve(48, e -> e <= 20 ? 0.12 - 0.001 * e : 0.10 + 0.0003 * (e - 20)),
                curve(48, e -> 0.05 - 0.001 * e), VALIDATION);
        assertEquals(TrainingLength.Reading.OVERFITTING, r.reading());
        assertTrue(r.lowestEpoch() >= 19 && r.lowestEpoch() <= 22, "the minimum of the 5-epoch average is at the turn: " + r.lowestEpoch());
        assertEquals(0.10, r.lowest(), 0.001);
        assertEquals(0.1084, r.last(), 1e-9, "the line through the last quarter ends at the curve's last value");
    }

    @Test
    void aClimbWithTheTrainingErrorRisingTooIsUnstableTrainingNotOverfitting() {
        IntToDoubleFunction vee = e -> e <= 20 ? 0.12 - 0.001 * e : 0.10 + 0.0003 * (e - 20);
        TrainingLength r = TrainingLength.read("dropout", curve(48, vee), curve(48, e -> vee.applyAsDouble(e) - 0.01), VALIDATION);
        assertEquals(TrainingLength.Reading.WORSENING, r.reading());
    }

    @Test
    void noisyButFlatIsNotATrend() {
        // alternating +-0.4 points around 10%: larger than the SE epoch to epoch, but no trend
        TrainingLength r = TrainingLength.read("standard", curve(40, e -> 0.10 + (e % 2 == 0 ? 0.004 : -0.004)), flat(40, 0.05), VALIDATION);
        assertTrue(Math.abs(r.lastQuarterChange()) < r.changeStandardError(), "change " + r.lastQuarterChange());
        assertEquals(TrainingLength.Reading.NO_CLEAR_TREND, r.reading());
    }

    @Test
    void theFirstScreenWarnsOnlyAboutComparedConfigurationsThatStillImprove() throws Exception {
        List<TrainingLength> readings = List.of(TrainingLength.read("dropout", curve(48, e -> 0.14 - 0.0005 * e), flat(48, 0.08), VALIDATION),
                TrainingLength.read("slow", curve(48, e -> 0.20 - 0.001 * e), flat(48, 0.15), VALIDATION),
                TrainingLength.read("standard", curve(48, e -> 0.10), flat(48, 0.01), VALIDATION));
        String warning = TrainingLength.warning(readings, Set.of("dropout", "standard"));
        assertTrue(warning.contains("'dropout'") && !warning.contains("'slow'") && !warning.contains("'standard'"), warning);
        assertEquals("", TrainingLength.warning(readings, Set.of("standard")));

        ReportFixtures fixtures = new ReportFixtures();
        fixtures.config("standard", 0.10, 0.11);
        addRun(fixtures, "dropout", e -> 0.20 - 0.006 * e);
        fixtures.claim("Dropout lowers the test error", "dropout", "standard");
        Path experiment = fixtures.write(dir.resolve("exp"), "exp");
        ReportWriter.write(experiment);
        String page = Files.readString(experiment.resolve("REPORT.md"));
        int firstScreen = page.indexOf("## Bottom line");
        assertTrue(page.indexOf("still improving at the last epoch: 'dropout'") < firstScreen
                && page.contains("still improving at the last epoch"), page);
        assertTrue(page.contains("## Training length") && page.contains("| dropout | still improving |"), page);
        assertFalse(page.contains("| standard | still improving |"), "two epochs are too few to read: " + page);

        String row = Files.readString(Scoreboard.write(dir)).lines().filter(line -> line.startsWith("| Dropout lowers the test error |"))
                .findFirst().orElseThrow();
        assertTrue(row.contains("'dropout' still improving at epoch 20, its last") && !row.contains("'standard' still improving"),
                "the scoreboard names the side still improving beside the verdict: " + row);
    }

    /** A configuration of two seeds whose validation curve over 20 epochs is {@code error} (fixtures' convention: +0.01 over training). */
    private static void addRun(ReportFixtures fixtures, String variant, IntToDoubleFunction error) {
        fixtures.config(variant, 0.09);
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 1; e <= 20; e++) epochs.add(ReportFixtures.epoch(e, 0.5, error.applyAsDouble(e) - 0.01));
        fixtures.run(RunStatus.COMPLETED, 0.091, epochs);
    }

    @Test
    void aSignificantRiseInTheLastQuarterIsOverfittingEvenInsideTheValidationNoise() {
        // flat at 10% for 36 epochs, then a steady rise of 0.02 points an epoch: 0.22 points over the last 12, inside the
        // 0.30-point binomial SE, but the curve does not scatter around its line
        TrainingLength r = TrainingLength.read("standard", curve(48, e -> e <= 36 ? 0.10 : 0.10 + 0.0002 * (e - 36)),
                curve(48, e -> 0.05 - 0.0005 * e), VALIDATION);
        assertTrue(r.last() - r.lowest() < r.standardError(), "fixture: the rise is inside the binomial SE");
        assertEquals(TrainingLength.Reading.OVERFITTING, r.reading());
    }
}
