package org.dropoutrepro.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real `dropout run` process with SIGKILL in the middle of an experiment, then resumes it. */
class InterruptedExperimentTest {

    @TempDir
    Path dir;

    private static int lines(Path file) throws Exception {
        return Files.exists(file) ? (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
    }

    @Test
    void killNineLosesAtMostTheRunInFlightAndTheSameCommandResumes() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.dropoutrepro.cli.Main", "run",
                ExperimentTestSupport.TINY.toString(), "--profile", "slower", "--out", dir.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Path runs = dir.resolve(ResultStore.RUNS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (lines(runs) < 1 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        int finishedBeforeKill = lines(runs);
        assertTrue(finishedBeforeKill >= 1 && finishedBeforeKill < 6,
                "the kill must land mid-experiment (runs finished: " + finishedBeforeKill + " of 6)");
        List<RunRecord> survivors = ResultStore.readRuns(dir);

        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "slower", dir, new ByteArrayOutputStream());
        List<RunRecord> all = ResultStore.readRuns(dir);
        assertEquals(6, all.size(), "every configuration x seed finished exactly once");
        assertEquals(6, all.stream().map(RunRecord::runId).distinct().count());
        assertEquals(survivors, all.subList(0, survivors.size()), "runs finished before the kill were kept, not retrained");
        assertTrue(all.get(all.size() - 1).provenance().recordedAt().compareTo(survivors.get(0).provenance().recordedAt()) > 0);
    }
}
