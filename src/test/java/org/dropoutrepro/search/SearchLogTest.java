package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchDirs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.dropoutrepro.results.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search directory as an event log: what --fresh discards, what a resume keeps, and a line torn by a kill. */
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
    void aTornLastLineIsCutWhenTheDirectoryIsReopened() throws Exception {
        TrialRecord third = SearchDirs.trial(3, TrialRecord.COMPLETED, 0.2, 4, "dropout.hiddenRetain", 0.7);
        Path search = SearchDirs.write(dir.resolve("torn"), identity(), List.of(SearchDirs.trial(1, TrialRecord.COMPLETED, 0.1, 4,
                "dropout.hiddenRetain", 0.5), SearchDirs.trial(2, TrialRecord.PRUNED, 0.3, 2, "dropout.hiddenRetain", 0.6)),
                SearchDirs.finals(1, 1));
        // killed in the middle of an append: half of a line, without its newline, in each log
        String thirdLine = Json.MAPPER.writeValueAsString(third);
        Path trials = search.resolve(SearchLog.TRIALS);
        Files.writeString(trials, thirdLine.substring(0, thirdLine.length() / 2), StandardOpenOption.APPEND);
        Path finals = search.resolve(SearchLog.FINALS);
        Files.writeString(finals, "{\"bestTrial\":1,\"seed\":3,\"sta", StandardOpenOption.APPEND);
        assertEquals(2, SearchLog.readTrials(search).size(), "a torn last line is no record");

        try (SearchLog log = SearchLog.open(search)) {
            assertTrue(Files.readString(trials).endsWith("}\n") && Files.readString(finals).endsWith("}\n"),
                    "each log is cut back to its last complete line");
            log.append(third);
        }
        assertEquals(List.of(1, 2, 3), SearchLog.readTrials(search).stream().map(TrialRecord::trial).toList(),
                "the next record starts on a line of its own");
        assertEquals(1, SearchLog.readFinals(search).size());
    }

    @Test
    void aBadLineBeforeTheLastIsAnError() throws Exception {
        Path search = SearchDirs.write(dir.resolve("bad"), identity(), List.of(), List.of());
        Files.writeString(search.resolve(SearchLog.TRIALS), "not json\n" + Json.MAPPER.writeValueAsString(
                SearchDirs.trial(1, TrialRecord.COMPLETED, 0.1, 4, "dropout.hiddenRetain", 0.5)) + "\n");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> SearchLog.readTrials(search));
        assertTrue(e.getMessage().contains(SearchLog.TRIALS + ":1: not a record"), e.getMessage());
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

    @Test
    void aFinalSeedLineFromBeforeTestMistakesWereKeptReadsWithoutThem() throws Exception {
        String legacy = "{\"bestTrial\":21,\"seed\":2,\"status\":\"completed\",\"testError\":0.106,\"validationError\":0.1019,"
                + "\"epochs\":[],\"seconds\":400.0,\"reason\":null,\"parameterSha256\":\"ab\"}";
        FinalSeedRecord seed = Json.MAPPER.readValue(legacy, FinalSeedRecord.class);
        assertEquals(0.106, seed.testError());
        assertEquals(null, seed.testMistakes());
        java.util.BitSet wrong = new java.util.BitSet();
        wrong.set(0, 5);
        FinalSeedRecord recorded = new FinalSeedRecord(21, 2, "completed", 0.25, 0.1, List.of(), 1, null, "ab",
                org.dropoutrepro.train.TestMistakes.of(wrong, 20));
        assertEquals(recorded, Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(recorded), FinalSeedRecord.class));
    }
}
