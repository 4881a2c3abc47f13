package org.dropoutrepro.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.train.Checkpoint;
import org.dropoutrepro.train.CheckpointFile;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunOutcome;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A task that crashes mid-epoch and is started again resumes from its checkpoint and ends bit-identical to the
 * same task never interrupted: on the one-pass update with our dropout and max-norm, and on DL4J's updater
 * (Nesterov, L2) with DL4J's dropout, whose masks come from ND4J's generator, and Monte-Carlo evaluation.
 */
class CheckpointResumeTest {

    /** Every minibatch step saves (the interval is one nanosecond). */
    private static final double EVERY_STEP_MINUTES = 1e-9 / 60;

    @TempDir
    Path dir;

    private static RunConfig config(String path) {
        Map<String, Object> values = new HashMap<>(Map.of("data.dataset", "mnist-10k", "data.validationSize", 100,
                "data.trainSize", 450, "data.testSize", 200, "architecture.hiddenWidths", List.of(32, 32),
                "training.epochs", 3, "optimizer.momentumRampEpochs", 2));
        if (path.equals("fused")) {
            values.put("regularization.maxNorm", 2.0);
        } else {
            values.putAll(Map.of("dropout.implementation", "dl4j", "optimizer.momentumType", "nesterov", "regularization.l2", 1e-4,
                    "evaluation.method", "monte-carlo", "evaluation.mcSamples", 3));
        }
        return RunConfig.defaults().withOverrides(values, "test");
    }

    private static TrainingTask task(String path, String id) {
        RunConfig config = config(path);
        return TrainingTask.of(id, config, 3, DataIdentity.of(DataRegistry.splits(config.data(), null), null), true);
    }

    /** Throws at the given iteration, as a crash would end the process there. */
    private static TrainingListener crashAt(int iteration) {
        return new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int at, int epoch) {
                if (at == iteration) throw new IllegalStateException("simulated crash at iteration " + at);
            }
        };
    }

    private static List<List<Object>> withoutSeconds(List<EpochMetrics> epochs) {
        List<List<Object>> values = new ArrayList<>();
        for (EpochMetrics m : epochs) values.add(java.util.Arrays.asList(m.epoch(), m.trainLoss(), m.trainError(), m.validationError()));
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fused", "dl4j"})
    void aTaskCrashedMidEpochResumesFromItsCheckpointBitIdentical(String path) throws Exception {
        RunOutcome uninterrupted = TaskRunner.run(task(path, "run"), TaskObserver.NONE, List.of());

        TrainingTask checkpointed = task(path, "run").withCheckpoints(CheckpointPolicy.in(dir, EVERY_STEP_MINUTES));
        Path file = checkpointed.checkpoints().fileOf("run");
        // 450 examples, batch 100: 5 minibatches an epoch; iteration 7 is the third of epoch 2
        assertThrows(IllegalStateException.class, () -> TaskRunner.run(checkpointed, TaskObserver.NONE, List.of(crashAt(7))));
        Checkpoint saved = CheckpointFile.read(file);
        assertEquals(1, saved.epochsDone());
        assertEquals(2, saved.batchesDone(), "the last checkpoint is the step before the crash");
        assertEquals(7, saved.iterationCount());
        assertEquals(7, CheckpointFile.iterationsDone(file), "read from the file's head, for the progress bar");

        List<int[]> resumedAt = new ArrayList<>();
        List<Integer> observed = new ArrayList<>();
        RunOutcome resumed = TaskRunner.run(checkpointed, new TaskObserver() {
            @Override
            public boolean epochDone(EpochMetrics metrics) {
                observed.add(metrics.epoch());
                return true;
            }

            @Override
            public void resumed(int epochsDone, int batchesDone) {
                resumedAt.add(new int[] {epochsDone, batchesDone});
            }
        }, List.of());
        assertEquals(1, resumedAt.size());
        assertEquals(List.of(1, 2, 3), observed, "the restored epoch is told first, then the new ones");
        assertEquals(uninterrupted.parameterSha256(), resumed.parameterSha256());
        assertEquals(withoutSeconds(uninterrupted.epochs()), withoutSeconds(resumed.epochs()));
        assertEquals(uninterrupted.testError(), resumed.testError());
        assertTrue(Files.exists(file), "the checkpoint stays until the driver has recorded the run");
    }

    @Test
    void aCheckpointOfAnotherTaskIsNotRestoredAndADamagedOneIsAnErrorNamingTheFile() throws Exception {
        CheckpointPolicy atEpochEnds = CheckpointPolicy.in(dir, 0);
        TrainingTask task = task("fused", "run").withCheckpoints(atEpochEnds);
        assertThrows(IllegalStateException.class, () -> TaskRunner.run(task, TaskObserver.NONE, List.of(crashAt(6))));
        Checkpoint saved = CheckpointFile.read(atEpochEnds.fileOf("run"));
        assertEquals(1, saved.epochsDone());
        assertEquals(0, saved.batchesDone(), "without an interval, checkpoints are taken at epoch ends only");

        TrainingTask otherSeed = new TrainingTask("run", task.configValues(), 4, task.data(), true, atEpochEnds);
        assertNotEquals(task.fingerprint(), otherSeed.fingerprint());
        boolean[] resumed = {false};
        RunOutcome fresh = TaskRunner.run(otherSeed, new TaskObserver() {
            @Override
            public boolean epochDone(EpochMetrics metrics) {
                return true;
            }

            @Override
            public void resumed(int epochsDone, int batchesDone) {
                resumed[0] = true;
            }
        }, List.of());
        assertFalse(resumed[0], "a checkpoint of another task is not restored");
        assertEquals(TaskRunner.run(otherSeed.withCheckpoints(null), TaskObserver.NONE, List.of()).parameterSha256(),
                fresh.parameterSha256());

        Files.write(atEpochEnds.fileOf("run"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33});
        UncheckedIOException damaged = assertThrows(UncheckedIOException.class,
                () -> TaskRunner.run(task, TaskObserver.NONE, List.of()));
        assertTrue(damaged.getMessage().contains("run.ckpt") && damaged.getMessage().contains("damaged"), damaged.getMessage());
    }
}
