package org.dropoutrepro.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.kernels.HelperThread;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Products split over two threads give the bits of OpenBLAS's own threaded product, shape by shape and over whole
 * trainings, and are split where that holds.
 */
class SplitProductsTest {

    @AfterEach
    void restore() {
        HelperThread.allowFor(1); // the default: one training at a time
    }

    private static void assumeTwoBlasThreads() {
        Nd4j.create(1); // loads the BLAS
        assumeTrue(openblas_nolapack.blas_get_num_threads() >= 2, "OpenBLAS has one thread here: nothing is split");
    }

    private static float[] product(INDArray a, INDArray b, boolean split) {
        HelperThread.setEnabled(split);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[] {a.size(0), b.size(1)}, 'f');
        assertTrue(DirectGemm.product(a, b, c));
        return c.data().asFloat();
    }

    @Test
    void splitProductsGiveTheThreadedBitsAndSplitTheStandardNetsShapes() {
        assumeTwoBlasThreads();
        Nd4j.getRandom().setSeed(11);
        // (batch, inputs, outputs): the standard net's layers, the quickstart's, and widths that are not multiples of 16
        int[][] sizes = {{100, 784, 1024}, {100, 1024, 1024}, {100, 784, 512}, {100, 512, 512}, {100, 1000, 1000}, {37, 600, 250}};
        for (int[] size : sizes) {
            String what = size[0] + "x" + size[1] + "x" + size[2];
            INDArray x = Nd4j.randn(DataType.FLOAT, size[0], size[1]);
            INDArray weights = Nd4j.randn(DataType.FLOAT, size[1], size[2]).dup('f');
            INDArray delta = Nd4j.randn(DataType.FLOAT, size[0], size[2]);
            assertArrayEquals(product(x, weights, false), product(x, weights, true), what + " forward X W");
            assertArrayEquals(product(weights, delta.transpose(), false), product(weights, delta.transpose(), true),
                    what + " input gradient W dY^T");
            assertArrayEquals(product(x.transpose(), delta, false), product(x.transpose(), delta, true), what + " weight gradient X^T dY");
        }
        // each shape was calibrated; whether it splits depends on the BLAS and its kernel for this CPU (Debian's
        // 0.3.21 on Zen 4 splits the hidden-to-hidden products; the bundled 0.3.9 on Zen 2 does not), the bits never do
        SplitProducts.Shape forward = new SplitProducts.Shape(openblas_nolapack.CblasTrans, openblas_nolapack.CblasNoTrans, 100, 1024, 1024);
        assertNotNull(SplitProducts.splitsShape(forward), "[100 x 1024] x [1024 x 1024] was calibrated");
        SplitProducts.Shape weightGradient = new SplitProducts.Shape(openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasTrans, 1024, 1024, 100);
        assertNotNull(SplitProducts.splitsShape(weightGradient), "X^T dY at [1024 x 100] x [100 x 1024] was calibrated");
        System.out.println("split with the threaded bits on this BLAS: [100 x 1024] x [1024 x 1024] " + SplitProducts.splitsShape(forward)
                + ", [1024 x 100] x [100 x 1024] " + SplitProducts.splitsShape(weightGradient));
    }

    @Test
    void aTrainingWithTheHelperThreadIsBitIdentical() {
        assumeTwoBlasThreads();
        float[] threaded = train(false);
        long splitsBefore = SplitProducts.splits();
        float[] split = train(true);
        // what the helper took depends on the calibration on this BLAS (see above); the update and masks are always halved
        boolean anySplitShape = SplitProducts.splitsShape(new SplitProducts.Shape(openblas_nolapack.CblasTrans,
                openblas_nolapack.CblasNoTrans, 100, 1024, 1024)) == Boolean.TRUE;
        assertEquals(anySplitShape, SplitProducts.splits() > splitsBefore, "the training split its products where the calibration agreed");
        assertArrayEquals(threaded, split, "parameters after training, with the helper thread (products split, update and masks halved) against without");
    }

    /** A 784-1024-1024-10 net with dropout and max-norm, 6 steps on random data; its parameters and last score. */
    private static float[] train(boolean split) {
        HelperThread.setEnabled(split);
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("architecture.hiddenWidths", List.of(1024, 1024));
        overrides.put("dropout.kind", "bernoulli");
        overrides.put("regularization.maxNorm", 3.0);
        overrides.put("optimizer.learningRate", 0.05);
        RunConfig config = RunConfig.defaults().withOverrides(overrides, "test");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, 7, 784, 10, Task.CLASSIFICATION));
        net.init();
        Nd4j.getRandom().setSeed(3);
        INDArray features = Nd4j.rand(DataType.FLOAT, 100, 784);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 100, 10);
        for (int row = 0; row < 100; row++) labels.putScalar(row, row % 10, 1f);
        DataSet batch = new DataSet(features, labels);
        for (int step = 0; step < 6; step++) TrainingStep.fit(net, batch);
        float[] parameters = net.params().data().asFloat();
        float[] withScore = java.util.Arrays.copyOf(parameters, parameters.length + 1);
        withScore[parameters.length] = (float) net.score();
        return withScore;
    }
}
