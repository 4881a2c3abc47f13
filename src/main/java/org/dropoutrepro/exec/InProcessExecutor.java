package org.dropoutrepro.exec;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.kernels.HelperThread;
import org.dropoutrepro.train.RunOutcome;

/**
 * Trains up to {@code slots} tasks at once in this JVM, each on a thread of its own. ND4J's random generator
 * is per thread and every other source of randomness comes from the task's seed, so a task trained beside
 * others is bit-identical to the same task trained alone. The native thread pools (OpenMP, OpenBLAS) and the
 * Java kernels' fork-join pool are shared by the tasks. With one slot, the step's work is split with the {@link HelperThread}
 * (the hidden layers' matrix products, the update, the masks); with more, it keeps OpenBLAS's threads and the pool.
 */
public final class InProcessExecutor implements TaskExecutor {

    private final int slots;
    private final ExecutorService threads;

    public InProcessExecutor(int slots) {
        if (slots < 1) throw new IllegalArgumentException("parallel must be at least 1, not " + slots);
        this.slots = slots;
        this.threads = TaskThreads.pool(slots, "trainer");
        HelperThread.allowFor(slots);
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public CompletableFuture<RunOutcome> submit(TrainingTask task, TaskObserver observer, List<TrainingListener> listeners) {
        return CompletableFuture.supplyAsync(() -> {
            observer.started();
            return TaskRunner.run(task, observer, listeners);
        }, threads);
    }

    /** Tasks not yet started are dropped; running ones are interrupted and stop at their next minibatch. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(1, TimeUnit.DAYS)) threads.shutdownNow();
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            HelperThread.allowFor(1); // this executor's tasks are over: back to one training at a time
        }
    }
}
