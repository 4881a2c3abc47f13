package org.dropoutrepro.runtime;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads libnd4j's own operations may use: the element-wise transforms, broadcasts and reductions around
 * the matrix products (the ReLU, the copy kept for the backward pass, softmax and the loss, a DL4J dropout or
 * constraint). The matrix products are OpenBLAS's and run on its own threads, unaffected.
 *
 * <p>One thread, by default ({@code DROPOUT_ND4J_THREADS=1}): at a training step's sizes ([100 x 1024] floats)
 * waking a second thread costs more than the second thread saves. Measured on 2 cores, an in-place scalar add on
 * [100 x 1024] took 13-30 us on the calling thread against 60-100 us with two threads; a training step of the
 * quickstart-size net (784-512-512-10) was 4.6% faster, the standard net's (784-1024-1024-1024-10) unchanged.
 * The numbers are the same to the bit: OperationThreadsTest trains with one thread and with two and compares
 * losses, parameters and outputs, and {@code ./dropout reproduce} of recorded runs trained with two came out
 * bit-identical with one. {@code all} keeps libnd4j's default, a thread per core. Beta7-specific: libnd4j's "master threads" setting.
 */
public final class OperationThreads {

    private static volatile boolean configured;

    private OperationThreads() {
    }

    /**
     * Applies the environment's {@code DROPOUT_ND4J_THREADS} once per JVM; later calls do nothing. Called where
     * networks are built and by the bench, so that commands that train nothing do not load ND4J for it.
     */
    public static void ensureConfigured() {
        if (configured) return;
        synchronized (OperationThreads.class) {
            if (!configured) configure(System.getenv("DROPOUT_ND4J_THREADS"));
        }
    }

    /**
     * Applies {@code requested} (null or blank: 1; a positive count; or {@code all}); loads ND4J, so call it after
     * {@link NativeBlas#configure}. Returns the threads libnd4j's operations may now use.
     */
    public static int configure(String requested) {
        int threads = parse(requested);
        if (threads > 0) Nd4j.getEnvironment().setMaxMasterThreads(threads);
        configured = true;
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    /**
     * The count asked for: 1 when unset, 0 for {@code all} (leave libnd4j's default); anything else is an error naming
     * the variable. Does not load ND4J, so the launcher checks the setting with it before any work starts.
     */
    public static int parse(String requested) {
        if (requested == null || requested.isBlank()) return 1;
        String value = requested.strip().toLowerCase(Locale.ROOT);
        if (value.equals("all")) return 0;
        try {
            int threads = Integer.parseInt(value);
            if (threads >= 1) return threads;
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("DROPOUT_ND4J_THREADS=" + requested + ": expected a positive number of threads or 'all'");
    }
}
