package org.dropoutrepro.exec;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.data.DataBundle;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.train.Checkpointer;
import org.dropoutrepro.train.RunOutcome;
import org.dropoutrepro.train.Trainer;

/**
 * Executes one task in the calling thread: resolves its configuration, loads (once per JVM) and checks its data,
 * trains, resuming from the task's checkpoint if it has one.
 */
public final class TaskRunner {

    private TaskRunner() {
    }

    public static RunOutcome run(TrainingTask task, Trainer.EpochObserver observer, List<TrainingListener> listeners) {
        RunConfig config = task.config();
        String dir = task.data().dataDirOverride();
        DataBundle data = DataRegistry.splits(config.data(), dir == null ? null : Path.of(dir));
        task.data().check(data);
        CheckpointPolicy policy = task.checkpoints();
        Checkpointer checkpointer = policy == null ? null
                : new Checkpointer(policy.fileOf(task.id()), task.fingerprint(), policy.everyMinutes() * 60);
        return Trainer.train(config, data, task.seed(), task.evaluateTest(), observer, listeners, checkpointer);
    }
}
