package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Seeds follow layer positions; copies own their dropout instances where DL4J would share them. */
class DropoutConfigsTest {

    private static MultiLayerConfiguration configuration() {
        return new NeuralNetConfiguration.Builder().dropOut(BernoulliDropout.retain(0.5)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).build())
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).dropOut(GaussianDropout.retain(0.8)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    @Test
    void assignSeedsGivesEachLayerItsIndex() {
        MultiLayerConfiguration conf = DropoutConfigs.assignSeeds(configuration(), 17);
        for (int i = 0; i < 3; i++) {
            SeededDropout dropout = (SeededDropout) conf.getConf(i).getLayer().getIDropout();
            assertEquals(17, dropout.getNetworkSeed());
            assertEquals(i, dropout.getLayerIndex());
        }
        assertEquals(GaussianDropout.retain(0.8).withSeed(17, 1), conf.getConf(1).getLayer().getIDropout());
    }

    @Test
    void independentCopyOwnsItsDropoutWhereDl4jShares() {
        MultiLayerConfiguration conf = DropoutConfigs.assignSeeds(configuration(), 17);
        MultiLayerNetwork first = new MultiLayerNetwork(conf);
        MultiLayerNetwork second = new MultiLayerNetwork(conf);
        first.init();
        second.init();
        assertSame(dropoutOf(first, 0), dropoutOf(second, 0), "DL4J beta7: networks share their configuration's dropout");

        MultiLayerConfiguration withActivationLayer = DropoutConfigs.assignSeeds(new NeuralNetConfiguration.Builder()
                .list()
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).dropOut(BernoulliDropout.retain(0.5))
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(3))
                .build(), 17);
        IDropout shared = withActivationLayer.getConf(0).getLayer().getIDropout();
        assertSame(shared, withActivationLayer.clone().getConf(0).getLayer().getIDropout(),
                "DL4J beta7: clone() of a parameterless layer shares its dropout");

        for (MultiLayerConfiguration original : new MultiLayerConfiguration[]{conf, withActivationLayer}) {
            IDropout dropout = original.getConf(0).getLayer().getIDropout();
            IDropout copied = DropoutConfigs.independentCopy(original).getConf(0).getLayer().getIDropout();
            assertNotSame(dropout, copied);
            assertEquals(dropout, copied);
        }
        MultiLayerNetwork clone = DropoutConfigs.independentClone(first);
        assertNotSame(dropoutOf(first, 0), dropoutOf(clone, 0));
        assertEquals(first.params(), clone.params());
    }

    private static IDropout dropoutOf(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).conf().getLayer().getIDropout();
    }
}
