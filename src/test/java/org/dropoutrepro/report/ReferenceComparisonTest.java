package org.dropoutrepro.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.train.RunStatus;
import org.junit.jupiter.api.Test;

/** Per configuration: bit for bit, within the intervals, beyond them, or not comparable. */
class ReferenceComparisonTest {

    private static final Map<String, Object> VALUES = RunConfig.defaults().values();

    private static Manifest manifest(Map<String, Object> values) {
        return new Manifest("x", "", "x.yaml", null, "default", null,
                List.of(new Manifest.ConfigEntry(0, "standard", "standard", Map.of(), null, values)), List.of(), "", List.of(),
                Task.CLASSIFICATION);
    }

    private static List<RunRecord> runs(double[] errors, String hashPrefix) {
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            out.add(new RunRecord("c0-standard-s" + (i + 1), 0, "standard", "standard", i + 1, RunStatus.COMPLETED, errors[i],
                    List.of(), hashPrefix + i, 1.0, null, null));
        }
        return out;
    }

    private static ReferenceComparison.Row only(List<RunRecord> ours, List<RunRecord> reference, Map<String, Object> referenceValues) {
        List<ReferenceComparison.Row> rows = ReferenceComparison.compare(manifest(VALUES), ours, manifest(referenceValues), reference);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void sameParameterHashesAreBitIdentical() {
        double[] errors = {0.10, 0.11, 0.12};
        ReferenceComparison.Row row = only(runs(errors, "a"), runs(errors, "a"), VALUES);
        assertEquals(ReferenceComparison.Verdict.BIT_IDENTICAL, row.verdict());
        assertEquals(3, row.compared());
        assertEquals(3, row.identical());
    }

    @Test
    void otherHashesAgreeWhenTheWelchIntervalContainsZero() {
        ReferenceComparison.Row row = only(runs(new double[] {0.10, 0.12, 0.11}, "a"), runs(new double[] {0.11, 0.10, 0.12}, "b"), VALUES);
        assertEquals(ReferenceComparison.Verdict.AGREE, row.verdict());
        assertEquals(0, row.identical());
    }

    @Test
    void oneDifferentHashIsNotBitIdentical() {
        List<RunRecord> reference = runs(new double[] {0.10, 0.11, 0.12}, "a");
        List<RunRecord> ours = new ArrayList<>(reference.subList(0, 2));
        RunRecord third = reference.get(2);
        ours.add(new RunRecord(third.runId(), 0, "standard", "standard", 3, RunStatus.COMPLETED, 0.12, List.of(), "other", 1, null, null));
        ReferenceComparison.Row row = only(ours, reference, VALUES);
        assertEquals(2, row.identical());
        assertEquals(ReferenceComparison.Verdict.AGREE, row.verdict());
    }

    @Test
    void clearlyDifferentErrorsDiffer() {
        ReferenceComparison.Row row = only(runs(new double[] {0.30, 0.31, 0.32}, "a"), runs(new double[] {0.10, 0.11, 0.12}, "b"), VALUES);
        assertEquals(ReferenceComparison.Verdict.DIFFER, row.verdict());
    }

    @Test
    void oneSeedCannotBeDecidedAndAChangedConfigurationIsNotCompared() {
        assertEquals(ReferenceComparison.Verdict.UNDECIDED, only(runs(new double[] {0.3}, "a"), runs(new double[] {0.1}, "b"), VALUES).verdict());
        Map<String, Object> changed = new java.util.LinkedHashMap<>(VALUES);
        changed.put("training.epochs", 99);
        double[] errors = {0.10, 0.11};
        assertEquals(ReferenceComparison.Verdict.NOT_COMPARABLE, only(runs(errors, "a"), runs(errors, "a"), changed).verdict());
    }

    @Test
    void aManifestWrittenBeforeAKeyExistedReadsItAtItsDefault() {
        Map<String, Object> older = new java.util.LinkedHashMap<>(VALUES);
        older.remove("training.trainErrorSubset");
        assertEquals(VALUES, new Manifest.ConfigEntry(0, "a", "a", Map.of(), null, older).values());
    }
}
