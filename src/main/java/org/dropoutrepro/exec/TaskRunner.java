package org.dropoutrepro.exec;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.data.DataBundle;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.train.RunOutcome;
import org.dropoutrepro.train.Trainer;

/** Executes one task in the calling thread: resolves its configuration, loads (once per JVM) and checks its data, trains. */
public final class TaskRunner {

    private TaskRunner() {
    }

    public static RunOutcome run(TrainingTask task, Trainer.EpochObserver observer, List<TrainingListener> listeners) {
        RunConfig config = task.config();
        String dir = task.data().dataDirOverride();
        DataBundle data = DataRegistry.splits(config.data(), dir == null ? null : Path.of(dir));
        task.data().check(data);
        return Trainer.train(config, data, task.seed(), task.evaluateTest(), observer, listeners);
    }
}
