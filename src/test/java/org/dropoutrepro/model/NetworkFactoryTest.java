package org.dropoutrepro.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.dropout.BernoulliDropout;
import org.dropoutrepro.dropout.GaussianDropout;
import org.dropoutrepro.dropout.Scaling;
import org.dropoutrepro.spec.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class NetworkFactoryTest {

    private static RunConfig config(Map<String, ?> overrides) {
        return RunConfig.defaults().withOverrides(overrides, "test");
    }

    private static BaseLayer layer(MultiLayerConfiguration conf, int index) {
        return (BaseLayer) conf.getConf(index).getLayer();
    }

    @Test
    void inputDropoutOnTheFirstLayerAndHiddenDropoutOnEveryLaterLayerIncludingTheOutput() {
        MultiLayerConfiguration conf = NetworkFactory.build(config(Map.of("dropout.inputRetain", 0.8,
                "dropout.hiddenRetain", 0.5, "architecture.hiddenWidths", List.of(20, 30))), 7, 784, 10, Task.CLASSIFICATION);
        assertEquals(3, conf.getConfs().size());
        assertEquals(BernoulliDropout.retain(0.8).withSeed(7, 0), layer(conf, 0).getIDropout());
        assertEquals(BernoulliDropout.retain(0.5).withSeed(7, 1), layer(conf, 1).getIDropout());
        assertEquals(BernoulliDropout.retain(0.5).withSeed(7, 2), layer(conf, 2).getIDropout());
        assertInstanceOf(OutputLayer.class, layer(conf, 2));
    }

    @Test
    void dl4jGaussianAndNoDropoutAreBuiltAsAsked() {
        MultiLayerConfiguration dl4j = NetworkFactory.build(config(Map.of("dropout.implementation", "dl4j",
                "architecture.hiddenWidths", List.of(20))), 1, 5, 3, Task.CLASSIFICATION);
        assertEquals(new Dropout(0.8), layer(dl4j, 0).getIDropout());
        assertEquals(new Dropout(0.5), layer(dl4j, 1).getIDropout());
        MultiLayerConfiguration gaussian = NetworkFactory.build(config(Map.of("dropout.kind", "gaussian",
                "architecture.hiddenWidths", List.of(20))), 1, 5, 3, Task.CLASSIFICATION);
        assertEquals(GaussianDropout.retain(0.5).withSeed(1, 1), layer(gaussian, 1).getIDropout());
        MultiLayerConfiguration none = NetworkFactory.build(config(Map.of("dropout.kind", "none",
                "architecture.hiddenWidths", List.of(20))), 1, 5, 3, Task.CLASSIFICATION);
        assertNull(layer(none, 0).getIDropout());
        assertNull(layer(none, 1).getIDropout());
        MultiLayerConfiguration inputKept = NetworkFactory.build(config(Map.of("dropout.inputRetain", 1.0,
                "dropout.scaling", "test-time", "architecture.hiddenWidths", List.of(20))), 1, 5, 3, Task.CLASSIFICATION);
        assertNull(layer(inputKept, 0).getIDropout(), "retain 1 means no dropout");
        assertEquals(BernoulliDropout.retain(0.5).withScaling(Scaling.TEST_TIME).withSeed(1, 1), layer(inputKept, 1).getIDropout());
    }

    @Test
    void maxNormBoundsEveryHiddenLayersIncomingWeightsOnly() {
        MultiLayerConfiguration conf = NetworkFactory.build(config(Map.of("regularization.maxNorm", 3.0,
                "regularization.maxNormMeaning", "as-trained", "architecture.hiddenWidths", List.of(20, 30))), 1, 5, 3,
                Task.CLASSIFICATION);
        for (int index = 0; index < 2; index++) {
            assertEquals(1, layer(conf, index).getConstraints().size());
            IncomingMaxNorm constraint = (IncomingMaxNorm) layer(conf, index).getConstraints().get(0);
            assertEquals(3.0, constraint.getMaxNorm());
            assertEquals(java.util.Set.of("W"), constraint.getParams(), "weights, not biases");
        }
        assertTrue(layer(conf, 2).getConstraints() == null || layer(conf, 2).getConstraints().isEmpty());
    }

    @Test
    void widensHiddenLayersByOneOverTheRetainProbability() {
        RunConfig widened = config(Map.of("architecture.widenByRetain", true, "dropout.hiddenRetain", 0.8,
                "architecture.hiddenWidths", List.of(1024, 256, 100)));
        assertEquals(List.of(1280, 320, 125), NetworkFactory.hiddenWidths(widened));
        assertEquals(334, NetworkFactory.widen(100, 0.3), "ceil(333.33)");
        MultiLayerConfiguration conf = NetworkFactory.build(widened, 1, 784, 10, Task.CLASSIFICATION);
        assertEquals(1280, ((DenseLayer) layer(conf, 0)).getNOut());
        assertEquals(1280, ((DenseLayer) layer(conf, 1)).getNIn());
    }

    @Test
    void theWholeConfigurationRoundTripsThroughJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        RunConfig config = config(Map.of("regularization.maxNorm", 2.5, "optimizer.learningRateDecay", "inverse",
                "optimizer.learningRateDecayRate", 1e-4, "optimizer.momentumFinal", 0.99, "optimizer.momentumRampEpochs", 30,
                "dropout.scaling", "test-time", "architecture.hiddenWidths", List.of(8)));
        MultiLayerConfiguration conf = NetworkFactory.build(config, 42, 5, 3, Task.CLASSIFICATION);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        MomentumSgd updater = (MomentumSgd) layer(back, 0).getIUpdater();
        assertEquals(new LinearRampSchedule(ScheduleType.EPOCH, 0.5, 0.99, 30), updater.getMomentumSchedule());
        assertEquals(new InverseSchedule(ScheduleType.ITERATION, 0.1, 1e-4, 1.0), updater.getLearningRateSchedule());
        assertEquals(0.745, updater.momentumAt(0, 15), 1e-12);
        assertEquals(new IncomingMaxNorm(2.5).getMaxNorm(), ((IncomingMaxNorm) layer(back, 0).getConstraints().get(0)).getMaxNorm());
        assertEquals(BernoulliDropout.retain(0.8).withScaling(Scaling.TEST_TIME).withSeed(42, 0), layer(back, 0).getIDropout());

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(conf, restored.getLayerWiseConfigurations());
        assertEquals(net.params(), restored.params());
    }
}
