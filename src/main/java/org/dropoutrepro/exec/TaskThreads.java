package org.dropoutrepro.exec;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** What the executors share: a pool of named daemon threads, one per slot, and the cause behind a failed task's future. */
public final class TaskThreads {

    private TaskThreads() {
    }

    /** {@code slots} daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ExecutorService pool(int slots, String prefix) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(slots, runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What a task threw, without the future's {@link CompletionException} wrapper. */
    public static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
