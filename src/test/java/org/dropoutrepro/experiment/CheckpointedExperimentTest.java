package org.dropoutrepro.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.train.Checkpoint;
import org.dropoutrepro.train.CheckpointFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code dropout run} process with SIGKILL in the middle of an epoch of a multi-epoch run, after it
 * has saved a checkpoint there, and resumes: the run goes on from its checkpoint and ends bit-identical to the
 * same run trained without interruption (checked by {@code reproduce} in a process of its own); the run is
 * recorded once and its checkpoint is deleted.
 */
@Tag("slow") // three JVMs: about 45 s on a busy 2-core machine
class CheckpointedExperimentTest {

    @TempDir
    Path dir;

    /** The file of a checkpoint saved in the middle of the second or a later epoch; null if none yet. */
    private static Path midEpochCheckpoint(Path out) throws IOException {
        Path checkpoints = out.resolve(ResultStore.CHECKPOINTS_DIR);
        if (!Files.isDirectory(checkpoints)) return null;
        try (var files = Files.list(checkpoints)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ckpt")).toList()) {
                Checkpoint checkpoint = CheckpointFile.read(file);
                if (checkpoint != null && checkpoint.epochsDone() >= 1 && checkpoint.batchesDone() > 0) {
                    return file;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return null; // renamed or deleted while listing: look again
        }
        return null;
    }

    private static final String SPEC = """
            # one multi-epoch run on real digits, for the checkpoint test
            name: checkpointed
            data: {dataset: mnist-10k, validationSize: 100, trainSize: 2000, testSize: 200}
            architecture: {hiddenWidths: [128, 128]}
            regularization: {maxNorm: 3.0}
            training: {epochs: 3, seeds: [1]}
            """;

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.dropoutrepro.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                dir.resolve("child.log").toFile())).start();
    }

    @Test
    void killNineMidEpochResumesFromTheCheckpointBitIdentical() throws Exception {
        Path spec = dir.resolve("checkpointed.yaml");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("out");
        String[] run = {"run", spec.toString(), "--out", out.toString(), "--checkpoint-minutes", "0.0005"};
        Process child = start(run);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Path seen = null;
        while (seen == null && child.isAlive() && System.nanoTime() < deadline) {
            seen = midEpochCheckpoint(out);
            if (seen == null) Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(seen != null, "no mid-epoch checkpoint appeared: " + Files.readString(dir.resolve("child.log")));
        assertEquals(List.of(), ResultStore.readRuns(out), "killed before the run finished");
        String runId = seen.getFileName().toString().replace(".ckpt", "");
        Checkpoint left = CheckpointFile.read(seen);
        assertTrue(left.epochsDone() >= 1 && left.batchesDone() > 0 || left.epochsDone() >= 2, "left mid-run: " + left.epochsDone());

        Process resume = start(run);
        assertTrue(resume.waitFor(3, TimeUnit.MINUTES));
        String log = Files.readString(dir.resolve("child.log"));
        assertEquals(0, resume.exitValue(), log);
        assertTrue(log.contains(runId + ": resuming from its checkpoint after " + left.epochsDone() + " epochs"), log);
        List<RunRecord> all = ResultStore.readRuns(out);
        assertEquals(List.of(runId), all.stream().map(RunRecord::runId).toList(), "the run is recorded exactly once");
        try (var files = Files.list(out.resolve(ResultStore.CHECKPOINTS_DIR))) {
            assertEquals(List.of(), files.toList(), "the checkpoint is deleted once the run is recorded");
        }

        // retrained from the start without interruption, in a process of its own (the same BLAS as the others)
        Process reproduce = start("reproduce", out.resolve(ResultStore.EPOCHS_DIR).resolve(runId).toString());
        assertTrue(reproduce.waitFor(3, TimeUnit.MINUTES));
        assertEquals(0, reproduce.exitValue(), "resumed run differs from an uninterrupted one:\n" + Files.readString(dir.resolve("child.log")));
    }
}
