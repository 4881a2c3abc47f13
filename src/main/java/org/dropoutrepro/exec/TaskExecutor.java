package org.dropoutrepro.exec;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.train.RunOutcome;

/**
 * Runs tasks and hands back their outcomes. {@link #submit} returns at once; the future completes when the
 * task has finished (or exceptionally, with what the task threw). The observer and listeners see the task's
 * epochs and minibatches where the executor can deliver them (in this process: as they happen).
 */
public interface TaskExecutor extends AutoCloseable {

    /** How many tasks train at once. */
    int slots();

    CompletableFuture<RunOutcome> submit(TrainingTask task, TaskObserver observer, List<TrainingListener> listeners);

    /**
     * Drops tasks that have not started, stops running ones where it can (in this process: at their next minibatch)
     * or waits for them, and releases the executor's resources. Callers wait for every result they need first; a
     * second call does nothing more.
     */
    @Override
    void close();
}
