package org.dropoutrepro.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.dropoutrepro.report.Stats;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slow tier (mvn -B test -Pslow): on mnist-10k, nets with our dropout and with DL4J's reach the same test error. */
@Tag("slow")
class OursVersusDl4jSlowTest {

    @TempDir
    Path dir;

    @Test
    void oursAndDl4jsDropoutReachTestErrorsWithinEachOthersSeedToSeedSpread() throws Exception {
        ExperimentTestSupport.run(Path.of("src/test/resources/specs/ours-vs-dl4j.yaml"), "default", dir, new ByteArrayOutputStream());
        List<RunRecord> runs = ResultStore.readRuns(dir);
        List<Double> ours = runs.stream().filter(r -> r.variant().equals("ours")).map(RunRecord::testError).toList();
        List<Double> dl4j = runs.stream().filter(r -> r.variant().equals("dl4j")).map(RunRecord::testError).toList();
        assertEquals(5, ours.size());
        assertEquals(5, dl4j.size());
        Stats.Summary a = Stats.summarize(ours);
        Stats.Summary b = Stats.summarize(dl4j);
        Stats.Difference difference = Stats.welch(ours, dl4j);
        String numbers = "ours " + a + ", dl4j " + b + ", difference " + difference;
        assertTrue(a.mean() < 0.06 && b.mean() < 0.06, "both learn: " + numbers);
        assertTrue(difference.low() <= 0 && difference.high() >= 0, "95% Welch interval of the difference holds 0: " + numbers);
        assertTrue(Math.abs(difference.mean()) <= 2 * Math.max(a.sd(), b.sd()), "within the seed-to-seed spread: " + numbers);
    }
}
