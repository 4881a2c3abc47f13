package org.dropoutrepro.dropout;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference gradient check through a small network with dropout on every layer. The mask is a function of
 * (seed, layer, iteration, epoch) and the iteration does not advance during the check, so every forward pass of the
 * check sees the same mask: DL4J's per-iteration callback (used to reset a global RNG) has nothing to do.
 */
class GradientCheckTest {

    private DataType previousDefault;
    private DataType previousFloatingDefault;

    @BeforeEach
    void useDoublePrecision() {
        previousDefault = Nd4j.dataType();
        previousFloatingDefault = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousFloatingDefault);
    }

    @Test
    void invertedBernoulliPassesGradientCheck() {
        assertTrue(check(BernoulliDropout.retain(0.8), BernoulliDropout.retain(0.5)));
    }

    @Test
    void testTimeBernoulliPassesGradientCheck() {
        assertTrue(check(BernoulliDropout.retain(0.8).withScaling(Scaling.TEST_TIME),
                BernoulliDropout.retain(0.6).withScaling(Scaling.TEST_TIME)));
    }

    @Test
    void gaussianPassesGradientCheck() {
        assertTrue(check(GaussianDropout.retain(0.8), GaussianDropout.retain(0.5)));
    }

    private static boolean check(IDropout inputDropout, IDropout hiddenDropout) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.TANH).dropOut(inputDropout).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(7).activation(Activation.SIGMOID).dropOut(hiddenDropout).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(7).nOut(3)
                        .activation(Activation.SOFTMAX).dropOut(hiddenDropout).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(DropoutConfigs.assignSeeds(conf, 99));
        net.init();
        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 10, 6);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 10, 3);
        for (int i = 0; i < 10; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input).labels(labels)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10)
                .callEachIter(n -> { }));
    }
}
