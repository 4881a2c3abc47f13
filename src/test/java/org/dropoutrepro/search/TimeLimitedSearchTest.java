package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dropoutrepro.results.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wall-clock limit spans invocations: a resumed search has what its recorded trials left of it, and the same
 * command on a search its limit stopped trains nothing more (it re-renders the report) unless the limit is raised.
 */
class TimeLimitedSearchTest {

    @TempDir
    Path dir;

    private static final String SPEC = String.join("\n", "name: limited",
            "data: {dataset: synthetic-regression, validationSize: 10, trainSize: 50, testSize: 20}",
            "architecture: {hiddenWidths: [16]}", "dropout: {kind: none}", "optimizer: {momentumType: none}",
            "training: {batchSize: 10, epochs: 2}", "search:", "  trials: 4", "  maxMinutes: 30", "  space:",
            "    optimizer.learningRate: {min: 0.001, max: 0.01}", "");

    /** Leaves the first {@code count} of {@code trials} in the log, each as if it had taken {@code seconds}. */
    private static void keep(Path out, List<TrialRecord> trials, int count, double seconds) throws Exception {
        Files.delete(out.resolve(SearchLog.TRIALS));
        for (TrialRecord t : trials.subList(0, count)) {
            JsonLines.append(out.resolve(SearchLog.TRIALS), new TrialRecord(t.trial(), t.status(), t.values(), t.validationError(),
                    t.epochs(), t.seed(), seconds, t.reason(), t.genes(), t.parameterSha256()));
        }
    }

    @Test
    void theTimeSpentCountsAndAStoppedSearchStaysStoppedUnlessTheLimitIsRaised() throws Exception {
        Path spec = dir.resolve("limited.yaml");
        Files.writeString(spec, SPEC);
        Path out = SearchTestSupport.search(spec, "default", dir.resolve("out"), null, null);
        List<TrialRecord> all = SearchLog.readTrials(out);
        assertEquals(4, all.size(), "30 minutes are far more than 4 tiny trials take");
        assertNull(SearchReport.progressNote(out));

        // killed after trial 2, well within the limit: in progress, not taken for stopped by its limit
        keep(out, all, 2, 1);
        assertEquals("2 of 4 trials are recorded.", SearchReport.progressNote(out));

        // killed after trial 2 had taken 2 x 1000 s of the 1800: the resumed search has no time left, and says it stopped
        keep(out, all, 2, 1000);
        SearchTestSupport.search(spec, "default", out, null, null);
        assertEquals(2, SearchLog.readTrials(out).size(), "the limit was spent before the kill");
        assertEquals(new SearchLog.TimeLimitStop(30.0, 2), SearchLog.readIdentity(out).timeLimitStop());
        assertNull(SearchReport.progressNote(out), "stopped by its time limit, not in progress");
        assertTrue(Files.readString(out.resolve("REPORT.md")).contains("(time limit 30.0 minutes, which stopped the search after trial 2"));

        // the same command again re-renders: nothing past trial 2, however little time the log says was spent
        keep(out, all, 2, 1);
        SearchTestSupport.search(spec, "default", out, null, null);
        assertEquals(2, SearchLog.readTrials(out).size());

        // a raised limit goes on, to the same trials an unlimited search trains
        Files.writeString(spec, SPEC.replace("maxMinutes: 30", "maxMinutes: 600"));
        SearchTestSupport.search(spec, "default", out, null, null);
        assertEquals(all.stream().map(TrialRecord::withoutTiming).toList(),
                SearchLog.readTrials(out).stream().map(TrialRecord::withoutTiming).toList());
        assertNull(SearchReport.progressNote(out));
        assertNull(SearchLog.readIdentity(out).timeLimitStop(), "the old stop no longer says where the search ends");
    }
}
