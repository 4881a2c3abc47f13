package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                provenance);
    }

    @Test
    void theFirstProvenanceIsKeptUnlessALaterInvocationRanOnUncommittedCode() {
        SearchLog.Identity clean = identity(provenance("aaa", false));
        SearchLog.Identity dirtyLater = identity(provenance("bbb", true));
        SearchLog.Identity cleanLater = identity(provenance("ccc", false));
        assertEquals("aaa", cleanLater.withProvenanceKeptFrom(clean).provenance().gitCommit());
        assertEquals("bbb", dirtyLater.withProvenanceKeptFrom(clean).provenance().gitCommit());
        assertEquals("bbb", cleanLater.withProvenanceKeptFrom(dirtyLater).provenance().gitCommit(), "a dirty start stays dirty");
        assertEquals("ccc", cleanLater.withProvenanceKeptFrom(null).provenance().gitCommit());
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
