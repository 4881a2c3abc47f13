package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search records the code and machine that trained it, and a resume on uncommitted code is not hidden. */
class SearchProvenanceTest {

    @TempDir
    Path dir;

    private static Provenance provenance(String commit, boolean dirty) {
        return new Provenance("2026-01-01T00:00:00Z", List.of("test"), Map.of(), "17", "Linux", "CPU", 2, null, "Cpu", "blas",
                commit, dirty);
    }

    private static SearchLog.Identity identity(Provenance provenance) {
        return new SearchLog.Identity("s", "s.yaml", "default", Map.of(), Map.of(), List.of(), "data", List.of("./dropout"), null,
                provenance, null);
    }

    @Test
    void theFirstProvenanceIsKeptUnlessALaterInvocationRanOnUncommittedCode() {
        SearchLog.Identity clean = identity(provenance("aaa", false));
        SearchLog.Identity dirtyLater = identity(provenance("bbb", true));
        SearchLog.Identity cleanLater = identity(provenance("ccc", false));
        assertEquals("aaa", cleanLater.resuming(clean, 3, 0).provenance().gitCommit());
        assertEquals("bbb", dirtyLater.resuming(clean, 3, 0).provenance().gitCommit());
        assertEquals("bbb", cleanLater.resuming(dirtyLater, 3, 0).provenance().gitCommit(), "a dirty start stays dirty");
        assertEquals("ccc", cleanLater.resuming(null, 3, 0).provenance().gitCommit());
    }

    @Test
    void everyResumptionIsRecordedWithWhatWasThereWhenItBegan() {
        SearchLog.Identity first = identity(provenance("aaa", false));
        SearchLog.Identity second = identity(provenance("bbb", false)).resuming(first, 7, 0);
        SearchLog.Identity third = identity(provenance("ccc", false)).resuming(second, 40, 2);
        assertEquals("aaa", third.provenance().gitCommit(), "the first invocation's provenance is the search's");
        assertEquals(List.of("bbb", "ccc"), third.resumptions().stream().map(r -> r.provenance().gitCommit()).toList());
        assertEquals(List.of(7, 40), third.resumptions().stream().map(SearchLog.Resumption::trialsBefore).toList());
        assertEquals(2, third.resumptions().get(1).finalSeedsBefore());
    }

    private static Provenance on(String cpu, String commit) {
        return new Provenance("2026-12-08T10:00:00Z", List.of("test"), Map.of(), "17", "Linux", cpu, 2, null, "Cpu", "blas",
                commit, false);
    }

    @Test
    void theReportListsResumptionsThatTrainedAndSaysWhenAnotherMachineDid() {
        SearchLog.Identity first = identity(on("AMD EPYC (family 23, model 49; AVX2)", "aaa"));
        SearchLog.Identity sameMachine = identity(on("AMD EPYC (family 23, model 49; AVX2)", "bbb")).resuming(first, 7, 0);
        StringBuilder md = new StringBuilder();
        SearchReport.appendResumptions(md, sameMachine, 40, 5);
        assertTrue(md.toString().startsWith("- Resumed once: 2026-12-08 with 7 trials and 0 final seeds recorded, on AMD EPYC"), md.toString());
        assertFalse(md.toString().contains("more than one machine"), md.toString());

        SearchLog.Identity killedAtOnce = identity(on("AMD EPYC (family 23, model 49; AVX2)", "bbb")).resuming(sameMachine, 30, 0);
        SearchLog.Identity otherMachine = identity(on("AMD EPYC (family 25, model 17; AVX-512)", "ccc")).resuming(killedAtOnce, 30, 0);
        SearchLog.Identity rerendered = identity(on("AMD EPYC (family 25, model 17; AVX-512)", "ddd")).resuming(otherMachine, 40, 5);
        md = new StringBuilder();
        SearchReport.appendResumptions(md, rerendered, 40, 5);
        assertTrue(md.toString().startsWith("- Resumed 2 times: "),
                "one resumption was killed before its first record, one found the search finished: neither trained: " + md);
        assertTrue(md.toString().contains("with 7 trials") && md.toString().contains("with 30 trials"), md.toString());
        assertTrue(md.toString().contains("**Trained on more than one machine** (first: AMD EPYC (family 23, model 49; AVX2)"), md.toString());

        md = new StringBuilder();
        SearchReport.appendResumptions(md, first, 40, 5);
        assertEquals("", md.toString(), "never resumed: nothing to say");

        // a first invocation from before CPUs were described by family and model: the same name is not the same CPU
        SearchLog.Identity bare = identity(on("AMD EPYC", "aaa"));
        md = new StringBuilder();
        SearchReport.appendResumptions(md, identity(on("AMD EPYC (family 25, model 17; AVX-512)", "bbb")).resuming(bare, 7, 0), 40, 5);
        assertTrue(md.toString().contains("recorded its CPU by name only (AMD EPYC)"), md.toString());
        assertFalse(md.toString().contains("more than one machine"), md.toString());
        md = new StringBuilder();
        SearchReport.appendResumptions(md, identity(on("Intel Xeon (family 6, model 143; AVX-512)", "bbb")).resuming(bare, 7, 0), 40, 5);
        assertTrue(md.toString().contains("more than one machine"), "another name is another machine: " + md);
        // two resumptions with full descriptions that differ, after a bare first one
        SearchLog.Identity zen2 = identity(on("AMD EPYC (family 23, model 49; AVX2)", "bbb")).resuming(bare, 7, 0);
        md = new StringBuilder();
        SearchReport.appendResumptions(md, identity(on("AMD EPYC (family 25, model 17; AVX-512)", "ccc")).resuming(zen2, 20, 0), 40, 5);
        assertTrue(md.toString().contains("more than one machine"), "Zen 2 and Zen 4 resumed it: " + md);
    }

    @Test
    void theReportSaysWhereAndOnWhichCodeTheSearchTrained() throws Exception {
        Path out = SearchTestSupport.search(SearchTestSupport.TINY, "default", dir.resolve("s"), null, null);
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("- Machine and code: "), report);
        Provenance recorded = SearchLog.readIdentity(out).provenance();
        assertEquals(Runtime.getRuntime().availableProcessors(), recorded.availableProcessors());
        assertEquals(Boolean.TRUE.equals(recorded.gitDirty()), report.contains("trained on uncommitted code"), report);
    }
}
