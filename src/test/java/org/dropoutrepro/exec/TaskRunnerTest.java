package org.dropoutrepro.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.data.DataBundle;
import org.dropoutrepro.data.DataFileException;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.data.FileHash;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.train.RunOutcome;
import org.dropoutrepro.train.RunStatus;
import org.junit.jupiter.api.Test;

/** The execution seam: a task is plain data, checks its data, stops when asked, and never reads the test split unless told. */
class TaskRunnerTest {

    private static final RunConfig CONFIG = RunConfig.defaults().withOverrides(Map.of("data.dataset", "synthetic-regression",
            "data.validationSize", 20, "architecture.hiddenWidths", List.of(16), "training.epochs", 3,
            "optimizer.learningRate", 0.01), "test");

    private static DataIdentity identity() {
        DataBundle data = DataRegistry.splits(CONFIG.data(), null);
        return DataIdentity.of(data, null);
    }

    @Test
    void aTaskSurvivesSerialisationAndGivesTheSameOutcome() throws Exception {
        TrainingTask task = TrainingTask.of("t1", CONFIG, 5, identity(), true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        TrainingTask copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (TrainingTask) in.readObject();
        }
        assertEquals(task, copy);
        RunOutcome first = TaskRunner.run(task, TaskObserver.NONE, List.of());
        RunOutcome second = TaskRunner.run(copy, TaskObserver.NONE, List.of());
        assertEquals(first.parameterSha256(), second.parameterSha256());
        assertEquals(first.testError(), second.testError());
    }

    @Test
    void anObserverCanStopATaskAndATaskWithoutTestEvaluationHasNoTestError() {
        List<Integer> seen = new ArrayList<>();
        RunOutcome stopped = TaskRunner.run(TrainingTask.of("t2", CONFIG, 5, identity(), true), metrics -> {
            seen.add(metrics.epoch());
            return metrics.epoch() < 2;
        }, List.of());
        assertEquals(RunStatus.STOPPED, stopped.status());
        assertEquals(List.of(1, 2), seen);
        assertEquals(2, stopped.epochs().size());
        assertNull(stopped.testError());
        RunOutcome noTest = TaskRunner.run(TrainingTask.of("t3", CONFIG, 5, identity(), false), TaskObserver.NONE, List.of());
        assertEquals(RunStatus.COMPLETED, noTest.status());
        assertNull(noTest.testError());
    }

    @Test
    void dataThatHashesDifferentlyFromTheDriversIsRefusedNamingTheFile() {
        FileHash other = new FileHash("digits-0.json", "ab".repeat(32), 123);
        TrainingTask task = TrainingTask.of("t4", CONFIG, 5, new DataIdentity(null, List.of(other)), true);
        DataFileException error = assertThrows(DataFileException.class, () -> TaskRunner.run(task, TaskObserver.NONE, List.of()));
        assertTrue(error.getMessage().contains("digits-0.json"), error.getMessage());
    }
}
