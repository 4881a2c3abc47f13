package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchTestSupport.finals;
import static org.dropoutrepro.search.SearchTestSupport.trials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code dropout search} process with SIGKILL in the middle of a genetic search (whose proposals depend
 * on earlier results), runs the same search again, and compares it with one that was never interrupted.
 */
class InterruptedSearchTest {

    @TempDir
    Path dir;

    private static int lines(Path file) throws Exception {
        return Files.exists(file) ? (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
    }

    /** {@code dropout search} on the genetic test spec in a new JVM (as the launcher runs it, on the same BLAS), writing to {@code out}. */
    private Process start(Path out, String logName) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.dropoutrepro.cli.Main", "search",
                SearchTestSupport.GENETIC.toString(), "--profile", "slower", "--out", out.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
    }

    private void finish(Process process, String logName) throws Exception {
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve(logName)));
    }

    @Test
    void killNineAndTheSameCommandEndsAsAnUninterruptedSearch() throws Exception {
        Path killed = dir.resolve("killed");
        Path reference = dir.resolve("reference");
        Process child = start(killed, "child.log");
        Path log = killed.resolve(SearchLog.TRIALS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (lines(log) < 3 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        int beforeKill = lines(log);
        assertTrue(beforeKill >= 3 && beforeKill < 7, "the kill must land mid-search, after the genetic population started "
                + "breeding (trials finished: " + beforeKill + " of 7)\n" + Files.readString(dir.resolve("child.log")));
        List<TrialRecord> survivors = SearchLog.readTrials(killed);

        finish(start(killed, "resumed.log"), "resumed.log");
        assertTrue(Files.readString(dir.resolve("resumed.log")).contains(beforeKill + " trials already recorded; resuming"));
        finish(start(reference, "reference.log"), "reference.log");

        List<TrialRecord> resumed = SearchLog.readTrials(killed);
        assertEquals(7, resumed.size(), "every trial recorded exactly once");
        assertEquals(survivors, resumed.subList(0, survivors.size()), "trials finished before the kill were kept, not retrained");
        assertEquals(trials(reference), trials(killed), "same candidates, same validation errors, same statuses");
        assertEquals(SearchRunner.best(SearchLog.readTrials(reference)).trial(), SearchRunner.best(resumed).trial());
        assertEquals(finals(reference), finals(killed), "same best, same final seeds, same test errors");
    }
}
