package org.dropoutrepro.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The output layer with its products in place against DL4J's OutputLayer: the same training to the bit. */
class DirectOutputLayerTest {

    private record Trained(List<Double> losses, float[] params, long forwards, long backprops) {
    }

    @AfterEach
    void restore() {
        ReusingDenseLayer.setProductsInPlace(true);
    }

    /**
     * {@code steps} steps on fixed random data with {@code outputs} outputs (one-hot labels for classification, random
     * targets for regression); through TrainingStep (the toolkit's step) or DL4J's fit.
     */
    private static Trained train(Map<String, Object> overrides, Task task, int inputs, int examples, int outputs, int steps, boolean toolkitStep) {
        RunConfig config = RunConfig.defaults().withOverrides(overrides, "test");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, 5, inputs, outputs, task));
        net.init();
        Nd4j.getRandom().setSeed(3);
        INDArray features = Nd4j.rand(DataType.FLOAT, examples, inputs);
        INDArray labels;
        if (task == Task.CLASSIFICATION) {
            labels = Nd4j.zeros(DataType.FLOAT, examples, outputs);
            for (int i = 0; i < examples; i++) labels.putScalar(i, (i * 7) % outputs, 1f);
        } else {
            labels = Nd4j.rand(DataType.FLOAT, examples, outputs);
        }
        DataSet batch = new DataSet(features, labels);
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            if (toolkitStep) TrainingStep.fit(net, batch); else net.fit(batch);
            losses.add(net.score());
        }
        long forwards = 0;
        long backprops = 0;
        if (net.getOutputLayer() instanceof DirectOutputLayerImpl direct) {
            forwards = direct.directForwards();
            backprops = direct.directBackprops();
        }
        return new Trained(losses, net.params().dup().data().asFloat(), forwards, backprops);
    }

    private static Map<String, Object> settings(boolean direct, String dropoutKind, List<Integer> widths) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("architecture.reuseActivations", direct);
        settings.put("architecture.hiddenWidths", widths);
        settings.put("dropout.kind", dropoutKind);
        settings.put("regularization.maxNorm", 2.0);
        settings.put("optimizer.learningRate", 0.3);
        return settings;
    }

    @Test
    void classificationTrainsBitIdenticallyToDl4jsOutputLayer() {
        for (String dropout : new String[] {"none", "bernoulli"}) {
            for (boolean toolkitStep : new boolean[] {true, false}) {
                String what = "dropout " + dropout + (toolkitStep ? ", TrainingStep" : ", fit");
                Trained direct = train(settings(true, dropout, List.of(24)), Task.CLASSIFICATION, 30, 50, 4, 20, toolkitStep);
                Trained reference = train(settings(false, dropout, List.of(24)), Task.CLASSIFICATION, 30, 50, 4, 20, toolkitStep);
                assertEquals(reference.losses(), direct.losses(), "loss curve, " + what);
                assertArrayEquals(reference.params(), direct.params(), 0f, "final parameters to the bit, " + what);
                assertEquals(20, direct.backprops(), "every backward pass wrote its products in place, " + what);
                assertEquals(2 * 20, direct.forwards(), "the forward product twice a step (backward pass and score), " + what);
                assertEquals(0, reference.forwards());
            }
        }
        assertNotEquals(train(settings(true, "none", List.of(24)), Task.CLASSIFICATION, 30, 50, 4, 20, true).losses(),
                train(settings(true, "bernoulli", List.of(24)), Task.CLASSIFICATION, 30, 50, 4, 20, true).losses(),
                "the comparison is not vacuous: dropout on the output layer's input changes the curve");
    }

    @Test
    void regressionWithItsIdentityOutputAndSquaredErrorAgreesToo() {
        Trained direct = train(settings(true, "bernoulli", List.of(16, 12)), Task.REGRESSION, 10, 40, 3, 15, true);
        Trained reference = train(settings(false, "bernoulli", List.of(16, 12)), Task.REGRESSION, 10, 40, 3, 15, true);
        assertEquals(reference.losses(), direct.losses());
        assertArrayEquals(reference.params(), direct.params(), 0f);
        assertEquals(15, direct.backprops());
    }

    @Test
    void atSizesWhereOpenBlasThreadsTheOutputProductsTheyStillAgree() {
        // [200 x 700] x [700 x 4] and its transposes: 560,000 multiply-adds each, above OpenBLAS's threading threshold
        Trained direct = train(settings(true, "bernoulli", List.of(700)), Task.CLASSIFICATION, 60, 200, 4, 5, true);
        Trained reference = train(settings(false, "bernoulli", List.of(700)), Task.CLASSIFICATION, 60, 200, 4, 5, true);
        assertEquals(reference.losses(), direct.losses());
        assertArrayEquals(reference.params(), direct.params(), 0f);
        assertEquals(5, direct.backprops());
    }

    @Test
    void aBatchOfOneAgreesToo() {
        // the last minibatch of an epoch can hold a single example: every input gradient is then a single column
        Trained direct = train(settings(true, "bernoulli", List.of(24, 16)), Task.CLASSIFICATION, 30, 1, 4, 6, true);
        Trained reference = train(settings(false, "bernoulli", List.of(24, 16)), Task.CLASSIFICATION, 30, 1, 4, 6, true);
        assertEquals(reference.losses(), direct.losses());
        assertArrayEquals(reference.params(), direct.params(), 0f);
        assertEquals(6, direct.backprops());
    }

    @Test
    void withProductsInPlaceOffItTakesDl4jsPath() {
        ReusingDenseLayer.setProductsInPlace(false);
        Trained off = train(settings(true, "bernoulli", List.of(24)), Task.CLASSIFICATION, 30, 50, 4, 10, true);
        assertEquals(0, off.forwards());
        assertEquals(0, off.backprops());
        ReusingDenseLayer.setProductsInPlace(true);
        assertEquals(train(settings(true, "bernoulli", List.of(24)), Task.CLASSIFICATION, 30, 50, 4, 10, true).losses(), off.losses());
    }

    @Test
    void theLayerRoundTripsThroughJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        RunConfig config = RunConfig.defaults().withOverrides(Map.of("architecture.hiddenWidths", List.of(8)), "test");
        MultiLayerConfiguration conf = NetworkFactory.build(config, 1, 5, 3, Task.CLASSIFICATION);
        assertInstanceOf(DirectOutputLayer.class, conf.getConf(1).getLayer());
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertInstanceOf(DirectOutputLayer.class, back.getConf(1).getLayer());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertInstanceOf(DirectOutputLayerImpl.class, restored.getLayer(1));
        assertEquals(net.params(), restored.params());

        RunConfig plain = config.withOverrides(Map.of("architecture.reuseActivations", false), "test");
        Object layer = NetworkFactory.build(plain, 1, 5, 3, Task.CLASSIFICATION).getConf(1).getLayer();
        assertEquals(OutputLayer.class, layer.getClass(), "reuseActivations: false keeps every layer DL4J's own");
    }
}
