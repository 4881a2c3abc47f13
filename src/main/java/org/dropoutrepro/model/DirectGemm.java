package org.dropoutrepro.model;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float matrix product {@code c = a x b} handed straight to OpenBLAS's {@code cblas_sgemm}, the library ND4J
 * itself calls (JavaCPP's openblas preset; Debian's OpenBLAS when the toolkit runs on it, see
 * {@code runtime.NativeBlas}), with the operands where they lie: a row-major operand is passed transposed with
 * its row stride as leading dimension, a column-major one as it is. DL4J beta7's products go through a libnd4j
 * custom operation instead, which costs 10-25% more per product at the standard net's shapes
 * ([100 x 1024] x [1024 x 1024] and its two backward products: 1.35-1.60 ms direct against 1.55-2.0 ms,
 * measured interleaved on 2 cores) and gives the same bits (tested at the layers' shapes, threaded and not, and
 * over whole trainings).
 *
 * <p>Beta7-specific speed code (it relies on ND4J's buffers being plain native memory), used by
 * {@link ReusingDenseLayerImpl} for the hidden layers' products and by the bench's roofline. Layouts it does
 * not take (a rank other than 2, a type other than float, no unit stride, a destination that is not
 * column-major) are refused, and the caller takes ND4J's path.
 */
public final class DirectGemm {

    private record Operand(int transpose, int leadingDimension) {
    }

    /** Products this JVM handed to the BLAS directly, for tests. */
    private static final AtomicLong CALLS = new AtomicLong();

    private DirectGemm() {
    }

    /** Products handed to the BLAS directly in this JVM so far, for tests. */
    static long calls() {
        return CALLS.get();
    }

    /**
     * Writes {@code a x b} into {@code c} (beta 0) if all three are float matrices of matching shapes, {@code a}
     * and {@code b} each row-major or column-major and {@code c} column-major; says whether it did.
     */
    public static boolean product(INDArray a, INDArray b, INDArray c) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2
                || a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT || c.dataType() != DataType.FLOAT) {
            return false;
        }
        long m = a.size(0);
        long k = a.size(1);
        long n = b.size(1);
        if (b.size(0) != k || c.size(0) != m || c.size(1) != n || m == 0 || n == 0 || k == 0
                || Math.max(m, Math.max(n, k)) > Integer.MAX_VALUE) {
            return false;
        }
        Operand left = operand(a);
        Operand right = operand(b);
        // a single column (a batch of one) may carry any second stride; BLAS then reads none past the column
        long columnStride = n == 1 ? m : c.stride(1);
        if (left == null || right == null || c.stride(0) != 1 || columnStride < m || columnStride > Integer.MAX_VALUE
                || !fits(a) || !fits(b) || !fits(c)) {
            return false;
        }
        SplitProducts.run(new SplitProducts.Product(left.transpose(), right.transpose(), (int) m, (int) n, (int) k,
                pointer(a), left.leadingDimension(), pointer(b), right.leadingDimension(), pointer(c), (int) columnStride));
        CALLS.incrementAndGet();
        return true;
    }

    /** How BLAS reads a matrix: column-major as it is, row-major as the transpose of its column-major reading. */
    private static Operand operand(INDArray x) {
        long rows = x.size(0);
        long columns = x.size(1);
        if (x.stride(0) == 1 && x.stride(1) >= Math.max(1, rows) && x.stride(1) <= Integer.MAX_VALUE) {
            return new Operand(openblas_nolapack.CblasNoTrans, (int) x.stride(1));
        }
        if (x.stride(1) == 1 && x.stride(0) >= Math.max(1, columns) && x.stride(0) <= Integer.MAX_VALUE) {
            return new Operand(openblas_nolapack.CblasTrans, (int) x.stride(0));
        }
        return null;
    }

    /**
     * Whether the matrix starts where its buffer's address points and the last element its strides reach lies
     * inside that buffer. A beta7 view's buffer is itself a view that starts at the view's first element (its
     * offset is the array's), and its address already points there.
     */
    private static boolean fits(INDArray x) {
        long last = (x.size(0) - 1) * x.stride(0) + (x.size(1) - 1) * x.stride(1);
        return x.offset() == x.data().offset() && last < x.data().length();
    }

    private static FloatPointer pointer(INDArray x) {
        return new FloatPointer(x.data().addressPointer());
    }
}
