package org.dropoutrepro.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-pass Java kernels for the per-step work around the matrix products: the momentum update (the
 * paper's Appendix A.2), the weight update fused with the max-norm projection (Section 5.1), the
 * dropout mask multiplication (Section 4), and a dense ReLU layer's bias add and backward pass. ND4J
 * beta7 does a momentum step in four element-wise passes over the parameters and takes column norms at
 * about 1 GFLOP/s; these kernels read and write each float once, in chunks or columns that stay in cache,
 * split over the common fork-join pool.
 *
 * <p>They compute the same float operations in the same order as the ND4J path, except that a column's
 * sum of squares is accumulated in eight interleaved partial sums (a reassociation). They apply to
 * contiguous {@code float} arrays only; callers fall back to ND4J for anything else, and
 * {@link #setEnabled(boolean)} (or {@code -Ddropoutrepro.javaKernels=false}) turns them off so that both
 * paths can be compared.
 */
public final class FloatKernels {

    private static final int CHUNK = 8192;
    /** The side of the square tiles in which {@link #copyAddingRow} turns column-major into row-major. */
    private static final int TILE = 32;
    private static final int PARALLEL_THRESHOLD = 1 << 16;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][CHUNK]);
    private static final ThreadLocal<float[][]> MATRIX_SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

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
    public static boolean appliesTo(INDArray first, INDArray... others) {
        if (!enabled || !isDenseFloat(first)) return false;
        for (INDArray other : others) {
            if (!isDenseFloat(other) || other.ordering() != first.ordering() || !other.equalShapes(first)) return false;
        }
        return true;
    }

    /** True when the kernels are on and {@code weights} is a float matrix stored column after column. */
    public static boolean appliesToColumns(INDArray weights) {
        return enabled && weights.dataType() == DataType.FLOAT && weights.rank() == 2 && weights.ordering() == 'f'
                && weights.stride(0) == 1 && weights.stride(1) == weights.size(0) && weights.length() < Integer.MAX_VALUE;
    }

    private static boolean isDenseFloat(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.elementWiseStride() == 1 && array.length() < Integer.MAX_VALUE;
    }

    /**
     * The momentum update in one pass ({@link MomentumRule#update}): the velocity takes its new value and the
     * gradient, an average over the minibatch, is replaced by the update to subtract from the parameters.
     */
    public static void momentum(INDArray velocity, INDArray gradient, MomentumRule rule) {
        inChunks(new INDArray[] {velocity, gradient}, BOTH_WRITTEN, (s, length) -> rule.update(s[0], s[1], length));
    }

    /**
     * {@code product = first * second} element by element, in one pass where all three pass {@link #appliesTo},
     * else by ND4J; {@code product} may be either factor. Used by the dropout layers for the mask multiplication.
     */
    public static void multiply(INDArray first, INDArray second, INDArray product) {
        if (!appliesTo(first, second, product)) {
            Nd4j.getExecutioner().exec(new MulOp(first, second, product));
            return;
        }
        inChunks(new INDArray[] {first, second, product}, THIRD_WRITTEN, (s, length) -> {
            float[] a = s[0];
            float[] b = s[1];
            float[] out = s[2];
            for (int i = 0; i < length; i++) out[i] = a[i] * b[i];
        });
    }

    /** True when the kernels are on and every array is a dense float matrix of the same shape, each in c or f order. */
    static boolean appliesToMatrices(INDArray first, INDArray... others) {
        if (!enabled || !isDenseMatrix(first)) return false;
        for (INDArray other : others) {
            if (!isDenseMatrix(other) || !other.equalShapes(first)) return false;
        }
        return true;
    }

    private static boolean isDenseMatrix(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.rank() != 2 || array.length() >= Integer.MAX_VALUE) return false;
        long rows = array.size(0);
        long columns = array.size(1);
        return array.ordering() == 'c' ? array.stride(1) == 1 && array.stride(0) == columns
                : array.stride(0) == 1 && array.stride(1) == rows;
    }

    /**
     * {@code destination = source + row} (row broadcast over the rows; none: a copy) for a dense f-order
     * {@code source} and a dense c-order {@code destination} of the same shape, in one pass: what ND4J does as
     * {@code assign} and then {@code addiRowVector}, with the same float additions. Anything else goes to ND4J.
     */
    public static void copyAddingRow(INDArray source, INDArray row, INDArray destination) {
        boolean rowApplies = row == null || (isDenseFloat(row) && row.length() == destination.size(1));
        if (!appliesToMatrices(source, destination) || source.ordering() != 'f' || destination.ordering() != 'c' || !rowApplies) {
            destination.assign(source);
            if (row != null) destination.addiRowVector(row);
            return;
        }
        int rows = (int) destination.size(0);
        int columns = (int) destination.size(1);
        int length = rows * columns;
        float[][] scratch = matrixScratch(length);
        float[] in = scratch[0];
        float[] out = scratch[1];
        float[] bias = new float[columns];
        floats(source).get((int) source.offset(), in, 0, length);
        if (row != null) floats(row).get((int) row.offset(), bias, 0, columns);
        // in tiles of TILE x TILE, so that the reads down the source's columns and the writes along the destination's
        // rows both stay within a few cache lines (row by row, every read was a new line: about twice as slow)
        for (int rowStart = 0; rowStart < rows; rowStart += TILE) {
            int rowEnd = Math.min(rows, rowStart + TILE);
            for (int columnStart = 0; columnStart < columns; columnStart += TILE) {
                int columnEnd = Math.min(columns, columnStart + TILE);
                for (int r = rowStart; r < rowEnd; r++) {
                    for (int column = columnStart, o = r * columns + columnStart; column < columnEnd; column++, o++) {
                        float value = in[column * rows + r];
                        out[o] = row == null ? value : value + bias[column];
                    }
                }
            }
        }
        floats(destination).put((int) destination.offset(), out, 0, length);
    }

    /**
     * The backward pass through a ReLU and the bias gradient in one pass over the layer's activations, where ND4J takes
     * two operations (the ReLU's derivative, then a sum along dimension 0): {@code delta = activations > 0 ? epsilon : 0}
     * written over {@code activations}, and {@code biasGradient[j]} the sum of column {@code j} of {@code delta}, added
     * row after row from row 0 in float, as ND4J's sum adds them (the same bits; FloatKernelsTest). The activations
     * may be the ReLU's output or its input: both are positive at the same places. {@code activations} must be a
     * dense c-order float matrix and {@code epsilon} a dense float matrix of the same shape in c or f order;
     * {@code biasGradient}, when not null, a dense float array of one value per column. Says whether it applied;
     * if not, nothing was changed.
     */
    public static boolean reluBackwardWithBiasGradient(INDArray activations, INDArray epsilon, INDArray biasGradient) {
        if (!appliesToMatrices(activations, epsilon) || activations.ordering() != 'c'
                || (biasGradient != null && (!isDenseFloat(biasGradient) || biasGradient.length() != activations.size(1)))) {
            return false;
        }
        int rows = (int) activations.size(0);
        int columns = (int) activations.size(1);
        int length = rows * columns;
        float[][] scratch = matrixScratch(length);
        float[] delta = scratch[0];
        float[] gradient = scratch[1];
        float[] sums = new float[columns];
        floats(activations).get((int) activations.offset(), delta, 0, length);
        floats(epsilon).get((int) epsilon.offset(), gradient, 0, length);
        boolean epsilonByRows = epsilon.ordering() == 'c';
        for (int r = 0, o = 0; r < rows; r++) {
            for (int column = 0; column < columns; column++, o++) {
                // x > 0 ? epsilon : +0 without a branch, which half the units would mispredict: all bits kept or none
                int keep = delta[o] > 0f ? -1 : 0;
                float value = Float.intBitsToFloat(Float.floatToRawIntBits(gradient[epsilonByRows ? o : column * rows + r]) & keep);
                delta[o] = value;
                sums[column] += value;
            }
        }
        floats(activations).put((int) activations.offset(), delta, 0, length);
        if (biasGradient != null) floats(biasGradient).put((int) biasGradient.offset(), sums, 0, columns);
        return true;
    }

    /** Two thread-local scratch arrays of at least {@code length} floats. */
    private static float[][] matrixScratch(int length) {
        float[][] scratch = MATRIX_SCRATCH.get();
        if (scratch[0].length < length) {
            scratch = new float[][] {new float[length], new float[length]};
            MATRIX_SCRATCH.set(scratch);
        }
        return scratch;
    }

    /** The parameter step, {@code parameters -= update}: in one pass where both pass {@link #appliesTo}, else by ND4J. */
    public static void subtract(INDArray parameters, INDArray update) {
        if (!appliesTo(parameters, update)) {
            parameters.subi(update);
            return;
        }
        inChunks(new INDArray[] {parameters, update}, FIRST_WRITTEN, (s, length) -> {
            float[] w = s[0];
            float[] u = s[1];
            for (int i = 0; i < length; i++) w[i] -= u[i];
        });
    }

    /**
     * The whole update of a stretch of parameters in one pass ({@link MomentumRule#step}): reads the weights,
     * the summed gradient and the velocity, writes the weights and the velocity; the gradient is left as it was.
     */
    public static void momentumStep(INDArray weights, INDArray gradient, INDArray velocity, MomentumRule rule) {
        inChunks(new INDArray[] {weights, gradient, velocity}, STEP_WRITTEN, (s, length) -> rule.step(s[0], s[1], s[2], length));
    }

    /**
     * The parameter step and the max-norm projection in one pass, column by column while each column is in
     * cache: {@code w -= u}, then {@code w *= maxNorm / |w|} where {@code |w| > maxNorm}. With a null
     * {@code update} only the projection is done. Both arrays must pass {@link #appliesToColumns}.
     */
    public static void subtractAndProjectColumns(INDArray weights, INDArray update, float maxNorm) {
        if (update == null) {
            inColumns(new INDArray[] {weights}, FIRST_WRITTEN, null, maxNorm);
            return;
        }
        inColumns(new INDArray[] {weights, update}, FIRST_WRITTEN, (s, rows) -> {
            float[] w = s[0];
            float[] u = s[1];
            for (int i = 0; i < rows; i++) w[i] -= u[i];
        }, maxNorm);
    }

    /**
     * The memory traffic of {@link #momentumStep} without its arithmetic: reads the three arrays chunk by chunk
     * and writes the weights and the velocity back unchanged. The bench times it as the floor under the update.
     */
    public static void streamLikeMomentumStep(INDArray weights, INDArray gradient, INDArray velocity) {
        inChunks(new INDArray[] {weights, gradient, velocity}, STEP_WRITTEN, (s, length) -> { });
    }

    /**
     * {@link #momentumStep} and the max-norm projection of each column in one pass. The weights and the
     * gradient must pass {@link #appliesToColumns}; the velocity is dense, of the same length, stored in the
     * same order.
     */
    public static void momentumStepAndProjectColumns(INDArray weights, INDArray gradient, INDArray velocity, MomentumRule rule,
                                              float maxNorm) {
        inColumns(new INDArray[] {weights, gradient, velocity}, STEP_WRITTEN, (s, rows) -> rule.step(s[0], s[1], s[2], rows),
                maxNorm);
    }

    /**
     * Runs {@code kernel} (none: projection only) on each column of {@code arrays[0]} and the same stretch of
     * the others, then projects the column of {@code arrays[0]} onto the ball of radius {@code maxNorm}, and
     * writes back the arrays marked in {@code written}; in parallel over columns for large matrices.
     */
    private static void inColumns(INDArray[] arrays, boolean[] written, Kernel kernel, float maxNorm) {
        INDArray weights = arrays[0];
        FloatBuffer[] buffers = new FloatBuffer[arrays.length];
        int[] bases = new int[arrays.length];
        for (int a = 0; a < arrays.length; a++) {
            buffers[a] = floats(arrays[a]);
            bases[a] = (int) arrays[a].offset();
        }
        int rows = (int) weights.size(0);
        HelperThread.forEach((int) weights.size(1), weights.length() >= PARALLEL_THRESHOLD, column -> {
            float[][] scratch = rows <= CHUNK ? SCRATCH.get() : new float[arrays.length][rows];
            for (int a = 0; a < arrays.length; a++) buffers[a].get(bases[a] + column * rows, scratch[a], 0, rows);
            boolean changed = kernel != null;
            if (kernel != null) kernel.apply(scratch, rows);
            float[] w = scratch[0];
            float norm = (float) Math.sqrt(sumOfSquares(w, rows));
            if (norm > maxNorm) {
                float factor = maxNorm / norm;
                for (int i = 0; i < rows; i++) w[i] *= factor;
                changed = true;
            }
            for (int a = 0; a < arrays.length; a++) {
                if (written[a] && (a > 0 || changed)) buffers[a].put(bases[a] + column * rows, scratch[a], 0, rows);
            }
        });
    }

    /** The sum of squares of {@code v[0..length)}, in eight interleaved partial sums. */
    public static float sumOfSquares(float[] v, int length) {
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

    /** An in-place operation on the same stretch of several arrays, copied into cache-sized scratch arrays. */
    private interface Kernel {
        void apply(float[][] stretches, int length);
    }

    private static final boolean[] FIRST_WRITTEN = {true, false};
    private static final boolean[] BOTH_WRITTEN = {true, true};
    private static final boolean[] THIRD_WRITTEN = {false, false, true};
    /** Weights and velocity written, gradient only read. */
    private static final boolean[] STEP_WRITTEN = {true, false, true};

    /**
     * Runs {@code kernel} over dense arrays of equal length chunk by chunk, in parallel above the threshold,
     * writing back the arrays marked in {@code written}.
     */
    private static void inChunks(INDArray[] arrays, boolean[] written, Kernel kernel) {
        FloatBuffer[] buffers = new FloatBuffer[arrays.length];
        int[] bases = new int[arrays.length];
        for (int a = 0; a < arrays.length; a++) {
            buffers[a] = floats(arrays[a]);
            bases[a] = (int) arrays[a].offset();
        }
        int total = (int) arrays[0].length();
        HelperThread.forEach((total + CHUNK - 1) / CHUNK, total >= PARALLEL_THRESHOLD, chunk -> {
            int start = chunk * CHUNK;
            int length = Math.min(CHUNK, total - start);
            float[][] scratch = SCRATCH.get();
            for (int a = 0; a < arrays.length; a++) buffers[a].get(bases[a] + start, scratch[a], 0, length);
            kernel.apply(scratch, length);
            for (int a = 0; a < arrays.length; a++) {
                if (written[a]) buffers[a].put(bases[a] + start, scratch[a], 0, length);
            }
        });
    }
}
