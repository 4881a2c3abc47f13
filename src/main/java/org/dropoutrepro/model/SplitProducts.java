package org.dropoutrepro.model;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads;
import org.dropoutrepro.kernels.HelperThread;

/**
 * A matrix product split in two by this toolkit instead of by OpenBLAS: the calling thread computes one half of the
 * result's columns (or rows) and the step's helper thread ({@link HelperThread}) the other, each half by
 * single-threaded OpenBLAS. On 2 cores OpenBLAS's own threading costs more than it saves at a training step's sizes:
 * its worker sleeps between products (it must, or it takes the core from the rest of the step; README
 * "Performance") and is woken through the kernel for each one, while the calling thread waits for it in
 * {@code sched_yield}. The helper spins for a while after each piece of work, so the products of a forward or
 * backward pass hand over in microseconds, and parks when a step's work is over. Measured on 2 cores, the eight
 * hidden-layer products of a 784-1024-1024-1024 step back to back: 10.8 ms split against 11.3 ms threaded by
 * OpenBLAS and 18.8 ms on one thread (medians of 14 rounds); for whole training steps, the bench's "the step's
 * helper thread / OpenBLAS's threads and the fork-join pool" ratio (reports/performance).
 *
 * <p>The same bits. Each element of a product is the same sum whichever part of the result a call computes, except
 * for one thing: single-threaded and threaded OpenBLAS cut a long inner dimension into blocks by different rules, and
 * the blocks' partial sums are added in float. On this machine the first layer's forward product (inner dimension
 * 784) differs in its last bits between the two, the others do not. So the first time each shape of product is seen
 * (transposes, rows, columns, inner dimension) it is computed both ways on random operands spread over many binades,
 * and split only if every bit agrees; otherwise it stays with OpenBLAS's threads (SplitProductsTest, shape by shape
 * and over a whole training).
 *
 * <p>On when the helper is ({@link HelperThread#allowFor}: one training in the process) and OpenBLAS has two threads
 * or more; off with {@code -Ddropoutrepro.helperThread=false}. While a split runs, OpenBLAS's thread count is 1 (for
 * the two halves) and is then put back; only the calling thread and the helper call the BLAS then, since parallel
 * trainings keep the helper off. Beta7-specific speed code, beside {@link DirectGemm}, which hands its products here.
 */
public final class SplitProducts {

    /** Products smaller than this (multiply-adds) are not worth two threads. */
    private static final long MINIMUM_WORK = 1L << 20;
    /** A half's columns or rows are a multiple of this, so that neither half ends mid-tile. */
    private static final int ALIGNMENT = 16;

    private static final Map<Shape, Boolean> SAME_BITS = new ConcurrentHashMap<>();
    private static final AtomicLong SPLITS = new AtomicLong();

    private SplitProducts() {
    }

    /**
     * One column-major {@code cblas_sgemm} call, {@code c = op(a) x op(b)}: transposes as CBLAS's constants, sizes,
     * pointers to the first elements and leading dimensions.
     */
    record Product(int transposeA, int transposeB, int m, int n, int k, FloatPointer a, int lda, FloatPointer b, int ldb,
                   FloatPointer c, int ldc) {

        void run() {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasColMajor, transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb,
                    0f, c, ldc);
        }

        /** Columns {@code [from, to)} of the result: the same columns of {@code op(b)}. */
        Product columns(int from, int to) {
            long bOffset = transposeB == openblas_nolapack.CblasNoTrans ? (long) from * ldb : from;
            return new Product(transposeA, transposeB, m, to - from, k, a, lda, at(b, bOffset), ldb, at(c, (long) from * ldc), ldc);
        }

        /** Rows {@code [from, to)} of the result: the same rows of {@code op(a)}. */
        Product rows(int from, int to) {
            long aOffset = transposeA == openblas_nolapack.CblasNoTrans ? from : (long) from * lda;
            return new Product(transposeA, transposeB, to - from, n, k, at(a, aOffset), lda, b, ldb, at(c, from), ldc);
        }

        Shape shape() {
            return new Shape(transposeA, transposeB, m, n, k);
        }

        private static FloatPointer at(FloatPointer base, long offset) {
            return new FloatPointer(base).position(base.position() + offset);
        }
    }

    /** What decides how OpenBLAS blocks a product, and so its bits. */
    record Shape(int transposeA, int transposeB, int m, int n, int k) {
    }

    /** Products split in this JVM so far, for tests. */
    static long splits() {
        return SPLITS.get();
    }

    /** Whether products of this shape were found to give OpenBLAS's threaded bits when split (null: not yet seen); for tests. */
    static Boolean splitsShape(Shape shape) {
        return SAME_BITS.get(shape);
    }

    /** Computes {@code product}, split over two threads where that gives OpenBLAS's own bits and pays, else as one call. */
    static void run(Product product) {
        if (!HelperThread.enabled() || (long) product.m() * product.n() * product.k() < MINIMUM_WORK
                || Math.max(product.m(), product.n()) < 2 * ALIGNMENT || ThreadCount.SET == null
                || openblas_nolapack.blas_get_num_threads() < 2) {
            product.run();
            return;
        }
        HelperThread shared = HelperThread.shared();
        if (!shared.claim()) { // another thread is splitting a product: this one takes OpenBLAS's threads
            product.run();
            return;
        }
        try {
            if (SAME_BITS.computeIfAbsent(product.shape(), shape -> sameBits(shape, shared))) {
                split(product, shared);
                SPLITS.incrementAndGet();
            } else {
                product.run();
            }
        } finally {
            shared.release();
        }
    }

    private static void split(Product product, HelperThread shared) {
        Product first;
        Product second;
        if (product.n() >= product.m()) {
            int half = half(product.n());
            first = product.columns(0, half);
            second = product.columns(half, product.n());
        } else {
            int half = half(product.m());
            first = product.rows(0, half);
            second = product.rows(half, product.m());
        }
        int threads = openblas_nolapack.blas_get_num_threads();
        ThreadCount.SET.call(1);
        try {
            shared.together(first::run, second::run);
        } finally {
            ThreadCount.SET.call(threads);
        }
    }

    /**
     * OpenBLAS's {@code openblas_set_num_threads}, looked up once, at the first product (after the BLAS is chosen and
     * loaded). JavaCPP's {@code blas_set_num_threads}, which ND4J calls, looks up four functions by name on every call
     * (MKL's three, then OpenBLAS's): 0.4-0.9 ms a call measured, more than a split saves. Null where the symbol is not
     * found; then nothing is split.
     */
    private static final class ThreadCount {
        static final SetNumThreads SET = setThreadsFunction();
    }

    private static SetNumThreads setThreadsFunction() {
        Loader.load(openblas_nolapack.class);
        Pointer address = Loader.addressof("openblas_set_num_threads");
        if (address == null || address.isNull()) return null;
        try { // the presets' own way (what blas_set_num_threads does), through the constructor they keep protected
            Constructor<SetNumThreads> constructor = SetNumThreads.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance().put(address);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static int half(int size) {
        return (size / 2 + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Whether the split gives the bits of OpenBLAS's threaded call for products of {@code shape}, on random operands. */
    static boolean sameBits(Shape shape, HelperThread shared) {
        boolean noTransA = shape.transposeA() == openblas_nolapack.CblasNoTrans;
        boolean noTransB = shape.transposeB() == openblas_nolapack.CblasNoTrans;
        int lda = noTransA ? shape.m() : shape.k();
        int ldb = noTransB ? shape.k() : shape.n();
        Random random = new Random(20140601L);
        try (FloatPointer a = randomOperand((long) lda * (noTransA ? shape.k() : shape.m()), random);
             FloatPointer b = randomOperand((long) ldb * (noTransB ? shape.n() : shape.k()), random);
             FloatPointer whole = new FloatPointer((long) shape.m() * shape.n());
             FloatPointer halves = new FloatPointer((long) shape.m() * shape.n())) {
            new Product(shape.transposeA(), shape.transposeB(), shape.m(), shape.n(), shape.k(), a, lda, b, ldb, whole, shape.m()).run();
            split(new Product(shape.transposeA(), shape.transposeB(), shape.m(), shape.n(), shape.k(), a, lda, b, ldb, halves,
                    shape.m()), shared);
            float[] expected = new float[shape.m() * shape.n()];
            float[] actual = new float[expected.length];
            whole.get(expected);
            halves.get(actual);
            return Arrays.equals(expected, actual);
        }
    }

    /** Values spread over many binades, so that any difference in how sums are grouped shows in the last bits. */
    private static FloatPointer randomOperand(long length, Random random) {
        float[] values = new float[Math.toIntExact(length)];
        for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextGaussian() * Math.exp(2 * random.nextGaussian()));
        FloatPointer pointer = new FloatPointer(length);
        pointer.put(values);
        return pointer;
    }
}
