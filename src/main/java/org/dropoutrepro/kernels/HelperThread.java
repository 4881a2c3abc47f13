package org.dropoutrepro.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The second thread of a training step on 2 cores: it takes half of each piece of work the step splits (half of a
 * matrix product's columns, {@code model.SplitProducts}; half of the parameter update's chunks or columns and of the
 * dropout masks' chunks, {@link #forEach}) and spins for {@link #SPIN_NANOS} after each, so that the next piece
 * reaches it in microseconds, where a fork-join worker or OpenBLAS's worker is parked and woken through the kernel
 * each time. It parks when nothing has come for that long, so a process between steps or between trainings does not
 * hold the core.
 *
 * <p>One per JVM, for one training at a time: on by default (a run, {@code reproduce}, the bench, tests), off where an
 * executor trains several tasks at once ({@link #allowFor}: parallel trials, Spark), where the work goes to OpenBLAS's
 * threads and the fork-join pool as before. A caller claims it for one piece of work; when another thread holds it,
 * the caller takes the fork-join pool instead. Which thread computes an element never changes its value, so the
 * results are the same to the bit either way (tests compare trainings with it on and off).
 */
public final class HelperThread {

    /** How long the helper spins for the next piece of work before it parks. */
    static final long SPIN_NANOS = 100_000;

    private static final boolean SWITCHED_OFF = !Boolean.parseBoolean(System.getProperty("dropoutrepro.helperThread", "true"));
    private static volatile boolean enabled = !SWITCHED_OFF;
    private static volatile HelperThread shared;

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final Thread thread;
    private volatile Runnable task;
    private volatile boolean done = true;
    private volatile boolean parked;
    private volatile Throwable failure;

    /** A helper of its own, for tests; training uses {@link #shared()}. */
    public HelperThread() {
        thread = new Thread(this::serve, "dropout-step-helper");
        thread.setDaemon(true);
        thread.start();
    }

    /** The JVM's helper, started at first use. */
    public static HelperThread shared() {
        HelperThread existing = shared;
        if (existing != null) return existing;
        synchronized (HelperThread.class) {
            if (shared == null) shared = new HelperThread();
            return shared;
        }
    }

    /**
     * Puts the helper to use from now on if {@code concurrentTrainings} is 1 (and it is not switched off with
     * {@code -Ddropoutrepro.helperThread=false}), else not: two trainings at once keep both cores busy already, and
     * would share one helper. Called by the executor and the bench.
     */
    public static void allowFor(int concurrentTrainings) {
        setEnabled(concurrentTrainings == 1 && !SWITCHED_OFF);
    }

    /** Switches the helper's use on or off for this JVM; for the bench's comparisons and for tests. */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Whether work is split with the helper (else matrix products keep OpenBLAS's threads, kernels the fork-join pool). */
    public static boolean enabled() {
        return enabled;
    }

    /**
     * {@code body} for every index in {@code [0, count)}: in two halves on the calling thread and the helper when
     * {@code parallel}, the helper is on and free; else on the fork-join pool when {@code parallel}; else in order here.
     */
    public static void forEach(int count, boolean parallel, IntConsumer body) {
        if (parallel && enabled && count > 1) {
            HelperThread helper = shared();
            if (helper.claim()) {
                int half = count / 2;
                try {
                    helper.together(() -> range(0, half, body), () -> range(half, count, body));
                } finally {
                    helper.release();
                }
                return;
            }
        }
        IntStream indices = IntStream.range(0, count);
        (parallel ? indices.parallel() : indices).forEach(body);
    }

    private static void range(int from, int to, IntConsumer body) {
        for (int index = from; index < to; index++) body.accept(index);
    }

    /** Takes the helper for one piece of work; false if another thread has it. */
    public boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    public void release() {
        claimed.set(false);
    }

    /** Runs {@code here} on the calling thread and {@code there} on the helper, and returns when both are done. */
    public void together(Runnable here, Runnable there) {
        done = false;
        task = there;
        if (parked) LockSupport.unpark(thread);
        Throwable local = null;
        try {
            here.run();
        } catch (Throwable e) {
            local = e;
        }
        while (!done) Thread.onSpinWait();
        Throwable remote = failure;
        failure = null;
        if (local != null) {
            if (remote != null) local.addSuppressed(remote);
            if (local instanceof RuntimeException runtime) throw runtime;
            if (local instanceof Error error) throw error;
            throw new IllegalStateException(local);
        }
        if (remote != null) throw new IllegalStateException("the helper thread's half failed", remote);
    }

    private void serve() {
        long idleSince = System.nanoTime();
        while (true) {
            Runnable work = task;
            if (work != null) {
                task = null;
                try {
                    work.run();
                } catch (Throwable e) {
                    failure = e;
                }
                done = true;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > SPIN_NANOS) {
                parked = true;
                if (task == null) LockSupport.park(this);
                parked = false;
                idleSince = System.nanoTime();
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
