package org.dropoutrepro.search;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.exec.InProcessExecutor;
import org.dropoutrepro.exec.TaskExecutor;
import org.dropoutrepro.exec.TaskObserver;
import org.dropoutrepro.exec.TrainingTask;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunOutcome;

/**
 * Trains in this process, but one task throws (as an out-of-memory error or a lost executor would) right after its
 * observer saw epoch {@code failingEpoch}: the transient failures a search must record and a resume must handle.
 */
final class FaultyExecutor implements TaskExecutor {

    private final TaskExecutor inner;
    private final String failingTask;
    private final int failingEpoch;

    FaultyExecutor(int slots, String failingTask, int failingEpoch) {
        this.inner = new InProcessExecutor(slots);
        this.failingTask = failingTask;
        this.failingEpoch = failingEpoch;
    }

    @Override
    public int slots() {
        return inner.slots();
    }

    @Override
    public CompletableFuture<RunOutcome> submit(TrainingTask task, TaskObserver observer, List<TrainingListener> listeners) {
        if (!task.id().equals(failingTask)) return inner.submit(task, observer, listeners);
        return inner.submit(task, new TaskObserver() {
            @Override
            public void started() {
                observer.started();
            }

            @Override
            public void resumed(int epochsDone, int batchesDone) {
                observer.resumed(epochsDone, batchesDone);
            }

            @Override
            public boolean epochDone(EpochMetrics metrics) {
                boolean goOn = observer.epochDone(metrics);
                if (metrics.epoch() == failingEpoch) throw new IllegalStateException("injected failure after epoch " + failingEpoch);
                return goOn;
            }
        }, listeners);
    }

    @Override
    public void close() {
        inner.close();
    }
}
