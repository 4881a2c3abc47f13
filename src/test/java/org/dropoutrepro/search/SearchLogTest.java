package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchDirs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search directory as an event log: what --fresh discards, and what a resume keeps. */
class SearchLogTest {

    @TempDir
    Path dir;

    private static SearchLog.Identity identity() {
        return SearchDirs.identity("s", SearchDirs.base("training.epochs", 4),
                SearchDirs.spec(4, 0, SearchSpec.Pruning.NONE, null, range("dropout.hiddenRetain", 0.3, 1.0, false)));
    }

    /** A search directory with one recorded trial and the checkpoint of a trial in flight. */
    private Path searchWithACheckpointInFlight() throws Exception {
        Path search = SearchDirs.write(dir.resolve("s"), identity(), List.of(SearchDirs.trial(1, TrialRecord.COMPLETED, 0.1, 4,
                "dropout.hiddenRetain", 0.5)), List.of());
        Path checkpoints = Files.createDirectories(search.resolve(SearchLog.CHECKPOINTS));
        Files.writeString(checkpoints.resolve("trial-2.ckpt"), "an old trial's state");
        return search;
    }

    @Test
    void freshDiscardsTheCheckpointsOfTrialsInFlight() throws Exception {
        Path search = searchWithACheckpointInFlight();
        try (SearchLog log = SearchLog.open(search)) {
            log.begin(identity(), true);
        }
        assertFalse(Files.exists(search.resolve(SearchLog.CHECKPOINTS)), "a fresh search must not resume an old trial from its checkpoint");
        assertEquals(List.of(), SearchLog.readTrials(search));
    }

    @Test
    void aResumeKeepsThemForTheTrialsInFlight() throws Exception {
        Path search = searchWithACheckpointInFlight();
        try (SearchLog log = SearchLog.open(search)) {
            log.begin(identity(), false);
        }
        assertTrue(Files.exists(search.resolve(SearchLog.CHECKPOINTS).resolve("trial-2.ckpt")));
        assertEquals(1, SearchLog.readTrials(search).size());
    }
}
