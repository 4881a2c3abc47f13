package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchDirs.trial;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line's ETA counts the final seeds, not only the trials. */
class SearchProgressTest {

    @Test
    void theEtaIncludesTheFinalSeeds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        // 2 trials, then 5 final seeds of 10 epochs, one at a time
        SearchProgress progress = new SearchProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, 5, 10, 1, nanos::get);
        nanos.set(10_000_000_000L);
        progress.finished(trial(1, TrialRecord.COMPLETED, 0.1, 10)); // 10 epochs in 10 s: 1 s per epoch
        nanos.set(20_000_000_000L);
        progress.finished(trial(2, TrialRecord.COMPLETED, 0.1, 10));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        // after trial 1: one trial left (10 s) + 5 final seeds x 10 epochs x 1 s (50 s)
        assertTrue(lines[0].endsWith("ETA 60 s (1 trials 10 s + 5 final seeds 50 s)"), lines[0]);
        assertTrue(lines[1].endsWith("trials done; ETA 5 final seeds 50 s"), lines[1]);
    }

    @Test
    void finalSeedsRunSlotsAtOnceAndNoneMeansDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        SearchProgress twoAtOnce = new SearchProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, 5, 10, 2, nanos::get);
        nanos.set(10_000_000_000L);
        twoAtOnce.finished(trial(1, TrialRecord.COMPLETED, 0.1, 10));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).trim().endsWith("ETA 5 final seeds 30 s"), "3 rounds of 10 s: " + bytes);
        bytes.reset();
        SearchProgress none = new SearchProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, 0, 10, 1, nanos::get);
        none.finished(trial(1, TrialRecord.COMPLETED, 0.1, 10));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).trim().endsWith("| done"), bytes.toString(StandardCharsets.UTF_8));
    }
}
