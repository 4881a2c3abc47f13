package org.dropoutrepro.dropout;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shared helpers: applying a dropout outside a network, and interval bounds derived from the distributions. */
final class DropoutTestSupport {

    /** Tests use 99.9% intervals: with fixed seeds they pass or fail deterministically. */
    static final double CONFIDENCE = 0.999;

    private DropoutTestSupport() {
    }

    static INDArray apply(IDropout dropout, INDArray input, int iteration, int epoch) {
        return dropout.applyDropout(input, input.ulike(), iteration, epoch, LayerWorkspaceMgr.noWorkspaces());
    }

    /** Two-sided interval [lo, hi] holding a Binomial(n, p) count with probability >= confidence. */
    static int[] binomialInterval(int n, double p, double confidence) {
        BinomialDistribution binomial = new BinomialDistribution(null, n, p);
        double tail = (1 - confidence) / 2;
        return new int[]{binomial.inverseCumulativeProbability(tail), binomial.inverseCumulativeProbability(1 - tail)};
    }

    /** z such that |N(0,1)| <= z with probability confidence. */
    static double zTwoSided(double confidence) {
        return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    /** A single linear (identity activation) dense layer with the given dropout on its input. */
    static MultiLayerNetwork linearNet(int nIn, int nOut, IDropout dropout, boolean bias, WeightInit weightInit) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(12345)
                .list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(Activation.IDENTITY)
                        .weightInit(weightInit).hasBias(bias).dropOut(dropout).build())
                .build());
        net.init();
        return net;
    }
}
