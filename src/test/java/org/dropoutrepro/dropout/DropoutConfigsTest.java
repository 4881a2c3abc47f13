package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Seeds follow layer positions; copies own their dropout instances (DL4J's clone shares them). */
class DropoutConfigsTest {

    private static MultiLayerConfiguration configuration() {
        return new NeuralNetConfiguration.Builder().dropOut(BernoulliDropout.retain(0.5)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).build())
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).dropOut(GaussianDropout.retain(0.8)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1).build())
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
    void independentCopyOwnsItsDropoutWhereDl4jCloneShares() {
        MultiLayerConfiguration conf = DropoutConfigs.assignSeeds(configuration(), 17);
        IDropout original = conf.getConf(0).getLayer().getIDropout();
        assertSame(original, conf.clone().getConf(0).getLayer().getIDropout(), "DL4J beta7 clone shares dropout");
        IDropout copied = DropoutConfigs.independentCopy(conf).getConf(0).getLayer().getIDropout();
        assertNotSame(original, copied);
        assertEquals(original, copied);
    }
}
