package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every configuration field (retain value or schedule, scaling, seed, layer index) survives JSON and ModelSerializer. */
class SerializationTest {

    private static final List<IDropout> DROPOUTS = List.of(
            BernoulliDropout.retain(0.8).withSeed(-7_123_456_789L, 0),
            BernoulliDropout.dropRate(new MapSchedule(ScheduleType.EPOCH, Map.of(0, 0.5, 3, 0.25)))
                    .withScaling(Scaling.TEST_TIME).withSeed(42, 1),
            GaussianDropout.retain(new ExponentialSchedule(ScheduleType.ITERATION, 0.9, 0.999)).withSeed(43, 2),
            GaussianDropout.dropRate(0.3).withSeed(44, 3));

    @Test
    void jsonRoundTripKeepsEveryField() {
        MultiLayerConfiguration conf = configuration();
        String json = conf.toJson();
        assertTrue(json.contains("\"scaling\" : \"TEST_TIME\"") && json.contains("\"networkSeed\" : -7123456789"),
                json);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);
        for (int i = 0; i < DROPOUTS.size(); i++) {
            IDropout dropout = restored.getConf(i).getLayer().getIDropout();
            assertEquals(DROPOUTS.get(i), dropout, "layer " + i);
            assertEquals(DROPOUTS.get(i).toString(), dropout.toString(), "layer " + i);
        }
        assertEquals(conf, restored);
    }

    @Test
    void modelSerializerRoundTripKeepsEveryField(@TempDir File dir) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        File file = new File(dir, "net.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        for (int i = 0; i < DROPOUTS.size(); i++) {
            assertEquals(DROPOUTS.get(i), restored.getLayer(i).conf().getLayer().getIDropout(), "layer " + i);
        }
        assertEquals(net.params(), restored.params());
    }

    @Test
    void equalityCoversEveryField() {
        BernoulliDropout base = BernoulliDropout.retain(0.5).withSeed(1, 1);
        assertEquals(base, BernoulliDropout.dropRate(0.5).withSeed(1, 1));
        assertEquals(base.hashCode(), BernoulliDropout.dropRate(0.5).withSeed(1, 1).hashCode());
        assertNotEquals(base, BernoulliDropout.retain(0.6).withSeed(1, 1));
        assertNotEquals(base, base.withSeed(2, 1));
        assertNotEquals(base, base.withSeed(1, 2));
        assertNotEquals(base, base.withScaling(Scaling.TEST_TIME));
        assertNotEquals(base, BernoulliDropout.retain(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.5)))
                .withSeed(1, 1));
        assertNotEquals(base, GaussianDropout.retain(0.5).withSeed(1, 1));
    }

    private static MultiLayerConfiguration configuration() {
        NeuralNetConfiguration.ListBuilder builder = new NeuralNetConfiguration.Builder().seed(1).list();
        for (int i = 0; i < DROPOUTS.size() - 1; i++) {
            builder.layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.RELU)
                    .dropOut(DROPOUTS.get(i)).build());
        }
        builder.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                .activation(Activation.IDENTITY).dropOut(DROPOUTS.get(DROPOUTS.size() - 1)).build());
        return builder.build();
    }
}
