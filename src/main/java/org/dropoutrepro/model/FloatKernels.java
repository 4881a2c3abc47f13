package org.dropoutrepro.model;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One-pass Java kernels for the per-step work around the matrix products: the momentum update (the
 * paper's Appendix A.2), and the weight update fused with the max-norm projection (Section 5.1). ND4J
 * beta7 does a momentum step in four element-wise passes over the parameters and takes column norms at
 * about 1 GFLOP/s; these kernels read and write each float once, in chunks or columns that stay in
 * cache, split over the common fork-join pool.
 *
 * <p>They compute the same float operations in the same order as the ND4J path, except that a column's
 * sum of squares is accumulated in eight interleaved partial sums (a reassociation). They apply to
 * contiguous {@code float} arrays only; callers fall back to ND4J for anything else, and
 * {@link #setEnabled(boolean)} (or {@code -Ddropoutrepro.javaKernels=false}) turns them off so that both
 * paths can be compared.
 */
public final class FloatKernels {

    private static final int CHUNK = 8192;
    private static final int PARALLEL_THRESHOLD = 1 << 16;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][CHUNK]);

    private static volatile boolean enabled =
            Boolean.parseBoolean(System.getProperty("dropoutrepro.javaKernels", "true"));

    private FloatKernels() {
    }

    /** Whether the Java kernels are used where they apply (the default), or ND4J's operations everywhere. */
    public static boolean enabled() {
        return enabled;
    }

    /** Switches the Java kernels on or off for this JVM; for comparisons and benchmarks. */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** True when the kernels are on and every array is a dense float array of the same shape and ordering. */
    static boolean appliesTo(INDArray first, INDArray... others) {
        if (!enabled || !isDenseFloat(first)) return false;
        for (INDArray other : others) {
            if (!isDenseFloat(other) || other.ordering() != first.ordering() || !other.equalShapes(first)) return false;
        }
        return true;
    }

    /** True when the kernels are on and {@code weights} is a float matrix stored column after column. */
    static boolean appliesToColumns(INDArray weights) {
        return enabled && weights.dataType() == DataType.FLOAT && weights.rank() == 2 && weights.ordering() == 'f'
                && weights.stride(0) == 1 && weights.stride(1) == weights.size(0) && weights.length() < Integer.MAX_VALUE;
    }

    private static boolean isDenseFloat(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.elementWiseStride() == 1 && array.length() < Integer.MAX_VALUE;
    }

    /** Classical momentum in one pass: {@code v = momentum*v + gradientScale*g; g = v}. */
    static void classicalMomentum(INDArray velocity, INDArray gradient, float momentum, float gradientScale) {
        inChunks(velocity, gradient, true, (v, g, length) -> {
            for (int i = 0; i < length; i++) {
                float next = v[i] * momentum + g[i] * gradientScale;
                v[i] = next;
                g[i] = next;
            }
        });
    }

    /**
     * Nesterov momentum in one pass, as DL4J's Nesterovs: {@code v' = momentum*v - learningRate*g;
     * g = momentum*v - momentumPlusOne*v'} (the update that DL4J subtracts from the parameters).
     */
    static void nesterovMomentum(INDArray velocity, INDArray gradient, float momentum, float learningRate,
                                 float momentumPlusOne) {
        inChunks(velocity, gradient, true, (v, g, length) -> {
            for (int i = 0; i < length; i++) {
                float previous = v[i] * momentum;
                float next = previous - g[i] * learningRate;
                v[i] = next;
                g[i] = previous - next * momentumPlusOne;
            }
        });
    }

    /** The parameter step in one pass: {@code parameters -= update}. */
    static void subtract(INDArray parameters, INDArray update) {
        inChunks(parameters, update, false, (w, u, length) -> {
            for (int i = 0; i < length; i++) w[i] -= u[i];
        });
    }

    /**
     * The parameter step and the max-norm projection in one pass, column by column while each column is in
     * cache: {@code w -= u}, then {@code w *= maxNorm / |w|} where {@code |w| > maxNorm}. With a null
     * {@code update} only the projection is done. Both arrays must pass {@link #appliesToColumns}.
     */
    static void subtractAndProjectColumns(INDArray weights, INDArray update, float maxNorm) {
        FloatBuffer values = floats(weights);
        FloatBuffer updates = update == null ? null : floats(update);
        int base = (int) weights.offset();
        int updateBase = update == null ? 0 : (int) update.offset();
        int rows = (int) weights.size(0);
        IntStream columns = IntStream.range(0, (int) weights.size(1));
        if (weights.length() >= PARALLEL_THRESHOLD) columns = columns.parallel();
        columns.forEach(column -> {
            float[][] scratch = rows <= CHUNK ? SCRATCH.get() : new float[2][rows];
            float[] w = scratch[0];
            values.get(base + column * rows, w, 0, rows);
            boolean changed = false;
            if (updates != null) {
                float[] u = scratch[1];
                updates.get(updateBase + column * rows, u, 0, rows);
                for (int i = 0; i < rows; i++) w[i] -= u[i];
                changed = true;
            }
            float norm = (float) Math.sqrt(sumOfSquares(w, rows));
            if (norm > maxNorm) {
                float factor = maxNorm / norm;
                for (int i = 0; i < rows; i++) w[i] *= factor;
                changed = true;
            }
            if (changed) values.put(base + column * rows, w, 0, rows);
        });
    }

    /** The sum of squares of {@code v[0..length)}, in eight interleaved partial sums. */
    static float sumOfSquares(float[] v, int length) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            s0 += v[i] * v[i];
            s1 += v[i + 1] * v[i + 1];
            s2 += v[i + 2] * v[i + 2];
            s3 += v[i + 3] * v[i + 3];
            s4 += v[i + 4] * v[i + 4];
            s5 += v[i + 5] * v[i + 5];
            s6 += v[i + 6] * v[i + 6];
            s7 += v[i + 7] * v[i + 7];
        }
        for (; i < length; i++) s0 += v[i] * v[i];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The whole buffer under {@code array}; element {@code i} of a dense array is at {@code array.offset() + i}. */
    private static FloatBuffer floats(INDArray array) {
        FloatBuffer buffer = array.data().asNioFloat();
        if (array.offset() + array.length() > buffer.capacity()) {
            throw new IllegalStateException("array of length " + array.length() + " at offset " + array.offset()
                    + " does not fit its buffer of " + buffer.capacity());
        }
        return buffer;
    }

    /** An in-place operation on the same stretch of two arrays, copied into cache-sized scratch arrays. */
    private interface PairKernel {
        void apply(float[] first, float[] second, int length);
    }

    /**
     * Runs {@code kernel} over two dense arrays of equal length chunk by chunk, in parallel above the
     * threshold, writing back the first array and, if {@code writeSecond}, the second.
     */
    private static void inChunks(INDArray first, INDArray second, boolean writeSecond, PairKernel kernel) {
        FloatBuffer firstValues = floats(first);
        FloatBuffer secondValues = floats(second);
        int firstBase = (int) first.offset();
        int secondBase = (int) second.offset();
        int total = (int) first.length();
        IntStream chunks = IntStream.range(0, (total + CHUNK - 1) / CHUNK);
        if (total >= PARALLEL_THRESHOLD) chunks = chunks.parallel();
        chunks.forEach(chunk -> {
            int start = chunk * CHUNK;
            int length = Math.min(CHUNK, total - start);
            float[][] scratch = SCRATCH.get();
            firstValues.get(firstBase + start, scratch[0], 0, length);
            secondValues.get(secondBase + start, scratch[1], 0, length);
            kernel.apply(scratch[0], scratch[1], length);
            firstValues.put(firstBase + start, scratch[0], 0, length);
            if (writeSecond) secondValues.put(secondBase + start, scratch[1], 0, length);
        });
    }
}
