package org.dropoutrepro.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claim that fails says what its numbers show: the side claimed better still improving, and overfitting less but fitting less. */
class VerdictReadingTest {

    @TempDir
    Path dir;

    /** 12 epochs: validation error from {@code firstValidation} to {@code lastValidation} in equal steps, training error {@code gap} below. */
    private static List<EpochMetrics> curve(double firstValidation, double lastValidation, double gap) {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= 12; epoch++) {
            double validation = firstValidation + (lastValidation - firstValidation) * (epoch - 1) / 11.0;
            epochs.add(new EpochMetrics(epoch, 1.0, Math.max(0, validation - gap), validation, 1.0));
        }
        return epochs;
    }

    private ReportFixtures dropoutLosingWhileStillLearning() {
        ReportFixtures fixtures = new ReportFixtures().config("dropout");
        double[] dropoutTest = {0.120, 0.121, 0.123};
        for (double error : dropoutTest) fixtures.run(RunStatus.COMPLETED, error, curve(0.30, 0.12, 0.02));
        fixtures.config("standard");
        double[] standardTest = {0.100, 0.101, 0.102};
        for (double error : standardTest) fixtures.run(RunStatus.COMPLETED, error, curve(0.10, 0.10, 0.10));
        return fixtures.claim("Dropout lowers the test error", "dropout", "standard");
    }

    @Test
    void aFailedClaimReadsItsCurves() throws Exception {
        ReportWriter.Analysis a = dropoutLosingWhileStillLearning().analysis(dir.resolve("a"));
        ClaimCheck.Verdict v = a.verdicts().get(0);
        assertEquals(ClaimCheck.Outcome.FAILS, v.outcome(), "fixture: dropout's error is 2 points higher over three close seeds");
        List<String> lines = VerdictReading.lines(v, a.trainingLength(), a.units());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("'dropout' was still improving at epoch 12"), lines.get(0));
        assertTrue(lines.get(1).contains("'dropout' overfits less than 'standard' (final validation minus training error 2.00 against 10.00 points)")
                && lines.get(1).contains("final training error 10.00% against 0.00%"), lines.get(1));
    }

    @Test
    void aSideThatEndsLowerOnValidationIsNotSaidToLoseFitToRegularization() throws Exception {
        // dropout overfits less (gap 2 points against 10) and fits less (training 7.5% against 0%), but its validation error
        // ends at 9.5%, below standard's 10%: its regularization saved more than it cost, whatever the test errors say
        ReportFixtures fixtures = new ReportFixtures().config("dropout");
        for (double error : new double[] {0.120, 0.121, 0.123}) fixtures.run(RunStatus.COMPLETED, error, curve(0.095, 0.095, 0.02));
        fixtures.config("standard");
        for (double error : new double[] {0.100, 0.101, 0.102}) fixtures.run(RunStatus.COMPLETED, error, curve(0.10, 0.10, 0.10));
        ReportWriter.Analysis a = fixtures.claim("Dropout lowers the test error", "dropout", "standard").analysis(dir.resolve("lower"));
        List<String> lines = VerdictReading.lines(a.verdicts().get(0), a.trainingLength(), a.units());
        assertTrue(lines.stream().noneMatch(line -> line.contains("overfits less")), lines.toString());
    }

    @Test
    void theSectionIsOnThePageOnlyWhenAClaimDidNotHold() throws Exception {
        Path failed = dropoutLosingWhileStillLearning().write(dir.resolve("failed"), "failed");
        ReportWriter.write(failed);
        assertTrue(Files.readString(failed.resolve("REPORT.md")).contains("## Why a claim did not hold or was not resolved, as the numbers show it"));

        Path held = new ReportFixtures().config("dropout", 0.010, 0.011, 0.012).config("standard", 0.020, 0.021, 0.023)
                .claim("Dropout lowers the test error", "dropout", "standard").write(dir.resolve("held"), "held");
        ReportWriter.write(held);
        assertTrue(!Files.readString(held.resolve("REPORT.md")).contains("## Why a claim did not hold"), "nothing to explain");
    }
}
