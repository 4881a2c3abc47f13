package org.dropoutrepro.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Task;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Products handed straight to OpenBLAS give ND4J's bits, for every layout the layers pass, and refuse the rest. */
class DirectGemmTest {

    private static int[] bits(INDArray array) {
        float[] values = array.dup('f').data().asFloat();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Float.floatToRawIntBits(values[i]);
        return out;
    }

    /** ND4J's own product of the same operands, into a fresh f-order array. */
    private static INDArray reference(INDArray a, INDArray b) {
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {a.size(0), b.size(1)}, 'f');
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        return c;
    }

    private static void check(INDArray a, INDArray b, String what) {
        INDArray direct = Nd4j.createUninitialized(DataType.FLOAT, new long[] {a.size(0), b.size(1)}, 'f');
        assertTrue(DirectGemm.product(a, b, direct), what + ": taken");
        assertArrayEquals(bits(reference(a, b)), bits(direct), what + ": ND4J's bits");
    }

    @Test
    void theLayersProductsGiveNd4jsBitsAtSmallAndThreadedSizes() {
        // (batch, inputs, outputs): small, odd, and the standard net's, where OpenBLAS splits the work over threads
        int[][] sizes = {{7, 5, 3}, {50, 30, 24}, {100, 784, 512}, {100, 512, 512}, {100, 784, 1024}, {100, 1024, 1024}};
        Nd4j.getRandom().setSeed(4);
        for (int[] size : sizes) {
            int batch = size[0];
            int inputs = size[1];
            int outputs = size[2];
            String what = batch + "x" + inputs + "x" + outputs;
            INDArray x = Nd4j.randn(DataType.FLOAT, batch, inputs);                    // c order, as activations
            INDArray weights = Nd4j.randn(DataType.FLOAT, inputs, outputs).dup('f');  // f order, as DL4J's parameters
            INDArray delta = Nd4j.randn(DataType.FLOAT, batch, outputs);               // c order, as the backward pass
            check(x, weights, what + " forward X W");
            check(weights, delta.transpose(), what + " input gradient W dY^T");
            check(x.transpose(), delta, what + " weight gradient X^T dY");
            INDArray xf = x.dup('f');
            INDArray deltaF = delta.dup('f');
            check(xf, weights, what + " forward, X in f order");
            check(weights, deltaF.transpose(), what + " input gradient, dY in f order");
            check(xf.transpose(), delta, what + " weight gradient, X in f order");
            check(x.transpose(), deltaF, what + " weight gradient, dY in f order");
            check(xf.transpose(), deltaF, what + " weight gradient, both in f order");
        }
    }

    @Test
    void viewsAtAnOffsetAndIntoAWiderArrayAreReadWhereTheyLie() {
        Nd4j.getRandom().setSeed(5);
        // weights as a view into a flattened parameter vector at a nonzero offset, stored column after column
        INDArray flat = Nd4j.randn(DataType.FLOAT, 1, 13 + 40 * 30);
        INDArray weights = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(13, 13 + 40 * 30)).reshape('f', 40, 30);
        INDArray x = Nd4j.randn(DataType.FLOAT, 20, 60).get(NDArrayIndex.all(), NDArrayIndex.interval(10, 50)); // row stride 60
        check(x, weights, "offset and row stride");
        INDArray destination = Nd4j.zeros(DataType.FLOAT, 1, 7 + 20 * 30)
                .get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + 20 * 30)).reshape('f', 20, 30);
        assertTrue(DirectGemm.product(x, weights, destination));
        assertArrayEquals(bits(reference(x, weights)), bits(destination), "a destination at an offset");
        assertTrue(flat.getFloat(0, 12) != 0 || flat.getFloat(0, 13) != 0, "the source is untouched and nonzero");
    }

    @Test
    void everyLayersProductOfATrainingStepGoesToTheBlasDirectlyEvenForABatchOfOne() {
        RunConfig config = RunConfig.defaults().withOverrides(Map.of("architecture.hiddenWidths", List.of(32, 16), "dropout.kind", "bernoulli",
                "regularization.maxNorm", 2.0), "test");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, 3, 20, 4, Task.CLASSIFICATION));
        net.init();
        INDArray features = Nd4j.rand(DataType.FLOAT, 10, 20);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 10, 4);
        for (int i = 0; i < 10; i++) labels.putScalar(i, i % 4, 1f);
        long before = DirectGemm.calls();
        for (int step = 0; step < 3; step++) TrainingStep.fit(net, new DataSet(features, labels));
        // per step: the first layer's forward product and weight gradient, the second's forward, input and weight gradients,
        // and the output layer's forward product twice (backward pass and score), its input and weight gradients
        assertEquals(3 * (5 + 4), DirectGemm.calls() - before, "no layer's product fell back to ND4J's path");
        // a batch of one: the input gradients are single columns, as ND4J lays them out (second stride 1)
        INDArray one = features.getRow(0, true).dup();
        INDArray oneLabel = labels.getRow(0, true).dup();
        before = DirectGemm.calls();
        TrainingStep.fit(net, new DataSet(one, oneLabel));
        assertEquals(5 + 4, DirectGemm.calls() - before, "a batch of one takes the same path");
    }

    @Test
    void layoutsItDoesNotTakeAreRefusedForNd4jsPath() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 6, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 5);
        assertFalse(DirectGemm.product(a, b, Nd4j.create(DataType.FLOAT, new long[] {6, 5}, 'c')), "a row-major destination");
        assertFalse(DirectGemm.product(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE),
                Nd4j.create(DataType.DOUBLE, new long[] {6, 5}, 'f')), "double");
        assertFalse(DirectGemm.product(a, Nd4j.rand(DataType.FLOAT, 3, 5), Nd4j.create(DataType.FLOAT, new long[] {6, 5}, 'f')),
                "mismatched inner sizes");
        INDArray everyOther = Nd4j.rand(DataType.FLOAT, 6, 8).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 8)); // stride 2
        assertFalse(DirectGemm.product(everyOther, b, Nd4j.create(DataType.FLOAT, new long[] {6, 5}, 'f')), "no unit stride");
    }
}
