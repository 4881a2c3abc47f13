package org.dropoutrepro.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.dropoutrepro.model.DirectGemm;
import org.dropoutrepro.kernels.HelperThread;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * sgemm throughput of the BLAS that ND4J uses, called directly ({@link DirectGemm}, as the hidden layers call it;
 * ND4J's own product path costs more per call), at the shapes one training step of the MLP needs: per
 * layer the forward product X W, the input gradient dY W^T and the weight gradient X^T dY, except the first
 * layer's input gradient, which neither this toolkit ({@code ReusingDenseLayerImpl}) nor the PyTorch peer
 * computes (the gradient with respect to the data). The time of all of them is the floor under a training
 * step: the roofline. Timed interleaved with the training
 * steps, so that both see the same machine, but warm, as the products would run at best.
 */
final class GemmThroughput {

    /** One product shape: [m x k] times [k x n], with transposes as the backward pass has them. */
    record Shape(String name, int m, int k, int n, boolean transposeA, boolean transposeB) {
        double flops() {
            return 2.0 * m * k * n;
        }
    }

    private GemmThroughput() {
    }

    static List<Shape> shapes(BenchOptions options) {
        List<Shape> shapes = new ArrayList<>();
        int previous = BenchOptions.INPUTS;
        List<Integer> widths = new ArrayList<>(options.hiddenWidths());
        widths.add(BenchOptions.CLASSES);
        int batch = options.batchSize();
        for (int layer = 0; layer < widths.size(); layer++) {
            int width = widths.get(layer);
            shapes.add(new Shape("X W " + previous + "x" + width, batch, previous, width, false, false));
            if (layer > 0) shapes.add(new Shape("dY W^T", batch, width, previous, false, true));
            shapes.add(new Shape("X^T dY", previous, batch, width, true, false));
            previous = width;
        }
        return shapes;
    }

    /** Floating-point operations of all products of one step. */
    static double flopsPerStep(BenchOptions options) {
        return shapes(options).stream().mapToDouble(Shape::flops).sum();
    }

    /**
     * All products of one step on random operands of the net's shapes, as a workload: it runs them twice
     * and counts the second, warm run, so that the roofline is the BLAS at its best.
     */
    static DoubleSupplier step(BenchOptions options, boolean split) {
        List<Shape> shapes = shapes(options);
        List<INDArray[]> operands = new ArrayList<>();
        for (Shape s : shapes) {
            INDArray a = s.transposeA() ? Nd4j.rand(DataType.FLOAT, s.k(), s.m()) : Nd4j.rand(DataType.FLOAT, s.m(), s.k());
            INDArray b = s.transposeB() ? Nd4j.rand(DataType.FLOAT, s.n(), s.k()) : Nd4j.rand(DataType.FLOAT, s.k(), s.n());
            INDArray left = s.transposeA() ? a.transpose() : a;
            INDArray right = s.transposeB() ? b.transpose() : b;
            operands.add(new INDArray[] {left, right, Nd4j.create(DataType.FLOAT, new long[] {s.m(), s.n()}, 'f')});
        }
        Runnable products = () -> {
            HelperThread.setEnabled(split);
            for (INDArray[] o : operands) {
                if (!DirectGemm.product(o[0], o[1], o[2])) throw new IllegalStateException("the BLAS refused a roofline product");
            }
        };
        return () -> {
            products.run();
            long start = System.nanoTime();
            products.run();
            return (System.nanoTime() - start) / 1e9;
        };
    }
}
