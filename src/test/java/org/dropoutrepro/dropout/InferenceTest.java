package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Weight scaling (Section 4) and Monte-Carlo averaging (Section 7.5, Figure 11). */
class InferenceTest {

    private static final double RETAIN = 0.7;

    @Test
    void scaledCopyMultipliesWeightsByRetainAndKeepsBiasAndOriginal() {
        MultiLayerNetwork net = DropoutTestSupport.linearNet(20, 3,
                BernoulliDropout.retain(RETAIN).withScaling(Scaling.TEST_TIME).withSeed(1, 0), true, WeightInit.XAVIER);
        net.getLayer(0).getParam("b").assign(Nd4j.linspace(DataType.FLOAT, 1, 3, 3).reshape(1, 3));
        INDArray before = net.params().dup();
        MultiLayerNetwork copy = WeightScaling.scaledCopy(net);
        assertEquals(before, net.params(), "original unchanged");
        assertEquals(net.getLayer(0).getParam("W").mul(RETAIN), copy.getLayer(0).getParam("W"));
        assertEquals(net.getLayer(0).getParam("b"), copy.getLayer(0).getParam("b"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 20);
        INDArray expected = x.mmul(net.getLayer(0).getParam("W").mul(RETAIN)).addiRowVector(net.getLayer(0).getParam("b"));
        assertTrue(expected.equalsWithEps(copy.output(x), 1e-5));
    }

    @Test
    void scaledCopyLeavesInvertedAndUndroppedLayersAlone() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(6).activation(Activation.RELU)
                        .dropOut(BernoulliDropout.retain(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(6).nOut(2)
                        .activation(Activation.IDENTITY)
                        .dropOut(BernoulliDropout.retain(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.9, 5, 0.6)))
                                .withScaling(Scaling.TEST_TIME)).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(DropoutConfigs.assignSeeds(conf, 3));
        net.init();
        net.getLayerWiseConfigurations().setIterationCount(7);
        MultiLayerNetwork copy = WeightScaling.scaledCopy(net);
        assertEquals(net.getLayer(0).params(), copy.getLayer(0).params());
        assertEquals(net.getLayer(1).params(), copy.getLayer(1).params());
        assertEquals(net.getLayer(2).getParam("W").mul(0.6), copy.getLayer(2).getParam("W"), "schedule value at 7");
    }

    @Test
    void monteCarloIsDeterministicForOneSeedAndLeavesTheNetworkAlone() {
        for (MultiLayerNetwork net : List.of(mlp(BernoulliDropout.retain(0.5)), mlp(new Dropout(0.5)))) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5);
            INDArray params = net.params().dup();
            int iteration = net.getLayerWiseConfigurations().getIterationCount();
            INDArray first = MonteCarloAverager.average(net, x, 10, 77);
            assertEquals(first, MonteCarloAverager.average(net, x, 10, 77));
            assertNotEquals(first, MonteCarloAverager.average(net, x, 10, 78));
            assertEquals(params, net.params());
            assertEquals(iteration, net.getLayerWiseConfigurations().getIterationCount());
        }
    }

    @Test
    void monteCarloMeanConvergesToWeightScaledOutput() {
        int nIn = 30;
        int nOut = 4;
        MultiLayerNetwork net = DropoutTestSupport.linearNet(nIn, nOut,
                BernoulliDropout.retain(RETAIN).withScaling(Scaling.TEST_TIME).withSeed(8, 0), true, WeightInit.XAVIER);
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, nIn);
        INDArray expected = WeightScaling.scaledCopy(net).output(x);
        // out_j = sum_i x_i m_i W_ij + b_j: variance p (1 - p) sum_i x_i^2 W_ij^2 per pass; Bonferroni over outputs and ks.
        INDArray w = net.getLayer(0).getParam("W");
        INDArray perPassVariance = x.mul(x).mmul(w.mul(w)).muli(RETAIN * (1 - RETAIN));
        int[] ks = {10, 100, 1000};
        double z = DropoutTestSupport.zTwoSided(1 - (1 - DropoutTestSupport.CONFIDENCE) / (nOut * ks.length));
        List<INDArray> means = MonteCarloAverager.averagesAt(net, x, 123, ks);
        for (int k = 0; k < ks.length; k++) {
            for (int j = 0; j < nOut; j++) {
                double bound = z * Math.sqrt(perPassVariance.getDouble(j) / ks[k]);
                double error = means.get(k).getDouble(j) - expected.getDouble(j);
                assertTrue(Math.abs(error) <= bound, "k=" + ks[k] + " output " + j + ": error " + error + " > " + bound);
            }
        }
    }

    private static MultiLayerNetwork mlp(org.deeplearning4j.nn.conf.dropout.IDropout dropout) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dropOut(dropout).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(DropoutConfigs.assignSeeds(conf, 5));
        net.init();
        return net;
    }
}
