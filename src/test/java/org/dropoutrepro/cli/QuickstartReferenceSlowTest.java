package org.dropoutrepro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.dropoutrepro.report.ReferenceComparison;
import org.dropoutrepro.report.Stats;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first command as a fresh clone runs it: the quickstart trains (nothing is taken from the committed
 * reports/quickstart) and its report compares every configuration with the committed reference; on the CPU model
 * and BLAS the reference was trained with, every run comes out bit for bit, and elsewhere every configuration's mean
 * test error is within a Welch t bound of the reference's.
 */
@Tag("slow")
class QuickstartReferenceSlowTest {

    @TempDir
    Path dir;

    @Test
    void theQuickstartTrainsAndComparesWithTheCommittedReference() throws Exception {
        Path out = dir.resolve("quickstart");
        assertEquals(0, Main.execute("run", "experiments/quickstart.yaml", "--out", out.toString()));
        List<RunRecord> ours = ResultStore.readRuns(out);
        List<RunRecord> reference = ResultStore.readRuns(Path.of("reports/quickstart"));
        assertEquals(reference.size(), ours.size(), "every run trained");
        List<ReferenceComparison.Row> rows = ReferenceComparison.compare(ResultStore.requireManifest(out), ours,
                ResultStore.requireManifest(Path.of("reports/quickstart")), reference);
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("## Against the committed reference"), report);
        boolean sameMachine = ours.get(0).provenance().blas().equals(reference.get(0).provenance().blas())
                && ours.get(0).provenance().cpuModel().equals(reference.get(0).provenance().cpuModel());
        for (ReferenceComparison.Row row : rows) {
            assertEquals(3, row.compared(), row.toString());
            if (sameMachine) {
                assertEquals(ReferenceComparison.Verdict.BIT_IDENTICAL, row.verdict(), row.toString());
            } else {
                // another CPU or BLAS: the same distribution of test errors, so the difference of the means stays within
                // Welch's t bound at a family-wise 0.001 over the configurations (Bonferroni); a broken path does not
                Stats.Difference difference = row.difference();
                double alpha = 0.001 / rows.size();
                double bound = difference.standardError() > 0
                        ? new TDistribution(difference.degreesOfFreedom())
                                .inverseCumulativeProbability(1 - alpha / 2) * difference.standardError()
                        : 0;
                assertTrue(Math.abs(difference.mean()) <= bound, "off the reference's machine, " + row.configuration()
                        + " differs by " + difference.mean() + " (bound " + bound + ")");
            }
            assertTrue(report.contains("| " + row.configuration() + " | 3 | " + row.identical() + " |"), report);
        }
    }
}
