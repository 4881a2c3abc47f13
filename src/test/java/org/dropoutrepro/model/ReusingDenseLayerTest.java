package org.dropoutrepro.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.spec.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The fast path (reused activations) against DL4J's own backprop: the same training to the bit. */
class ReusingDenseLayerTest {

    private record Trained(List<Double> losses, float[] params, long reusedBackprops, long directProducts) {
    }

    private static Trained train(Map<String, Object> overrides) {
        return train(overrides, 30, 50, 25);
    }

    private static Trained train(Map<String, Object> overrides, int inputs, int examples, int steps) {
        RunConfig config = RunConfig.defaults().withOverrides(overrides, "test");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, 5, inputs, 4, Task.CLASSIFICATION));
        net.init();
        Nd4j.getRandom().setSeed(3);
        INDArray features = Nd4j.rand(DataType.FLOAT, examples, inputs);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, 4);
        for (int i = 0; i < examples; i++) labels.putScalar(i, (i * 7) % 4, 1f);
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            net.fit(new DataSet(features, labels));
            losses.add(net.score());
        }
        long reused = 0;
        long direct = 0;
        for (int index = 0; index < net.getnLayers() - 1; index++) {
            if (net.getLayer(index) instanceof ReusingDenseLayerImpl fast) {
                reused += fast.reusedBackprops();
                direct += fast.directProducts();
            }
        }
        return new Trained(losses, net.params().dup().data().asFloat(), reused, direct);
    }

    private static Map<String, Object> settings(boolean reuse, String activation, String dropoutKind) {
        return Map.of("architecture.reuseActivations", reuse, "architecture.activation", activation,
                "architecture.hiddenWidths", List.of(24, 16), "dropout.kind", dropoutKind,
                "regularization.maxNorm", 2.0, "optimizer.learningRate", 0.5);
    }

    @Test
    void reusingActivationsTrainsBitIdenticallyToDl4jsBackprop() {
        for (String dropout : new String[] {"none", "bernoulli", "gaussian"}) {
            Trained fast = train(settings(true, "relu", dropout));
            Trained reference = train(settings(false, "relu", dropout));
            assertEquals(reference.losses(), fast.losses(), "loss curve, dropout " + dropout);
            assertArrayEquals(reference.params(), fast.params(), 0f, "final parameters to the bit, dropout " + dropout);
            assertEquals(2 * 25, fast.reusedBackprops(), "every backward pass of both layers took the fast path");
            assertEquals(2 * 25, fast.directProducts(), "every forward product of both layers went to the BLAS in place");
            assertEquals(0, reference.reusedBackprops());
        }
        assertNotEquals(train(settings(true, "relu", "none")).losses(), train(settings(true, "relu", "bernoulli")).losses(),
                "the comparison is not vacuous: dropout changes the curve");
    }

    @Test
    void atSizesWhereTheBlasRunsThreadedTheProductsInPlaceStillAgreeToTheBit() {
        Map<String, Object> wide = new java.util.HashMap<>(settings(true, "relu", "bernoulli"));
        wide.put("architecture.hiddenWidths", List.of(300, 200));
        Trained fast = train(wide, 250, 120, 6);
        wide.put("architecture.reuseActivations", false);
        Trained reference = train(wide, 250, 120, 6);
        assertEquals(reference.losses(), fast.losses());
        assertArrayEquals(reference.params(), fast.params(), 0f);
        assertEquals(2 * 6, fast.directProducts());
    }

    @Test
    void otherActivationsTakeDl4jsPathAndStillAgree() {
        Trained tanh = train(settings(true, "tanh", "bernoulli"));
        assertEquals(train(settings(false, "tanh", "bernoulli")).losses(), tanh.losses());
        assertEquals(0, tanh.reusedBackprops());
        assertEquals(0, tanh.directProducts());
    }

    @Test
    void theLayerRoundTripsThroughJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        RunConfig config = RunConfig.defaults().withOverrides(Map.of("architecture.hiddenWidths", List.of(8)), "test");
        MultiLayerConfiguration conf = NetworkFactory.build(config, 1, 5, 3, Task.CLASSIFICATION);
        assertInstanceOf(ReusingDenseLayer.class, conf.getConf(0).getLayer());
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertInstanceOf(ReusingDenseLayer.class, back.getConf(0).getLayer());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertInstanceOf(ReusingDenseLayerImpl.class, restored.getLayer(0));
        assertEquals(net.params(), restored.params());
    }
}
