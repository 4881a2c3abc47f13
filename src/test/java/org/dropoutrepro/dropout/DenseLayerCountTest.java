package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 002's check: 10,000 ones through a unit-weight linear dense layer with drop rate 0.5 on its input. In training
 * each kept unit contributes 1/0.5 = 2, so the output is twice a Binomial(10,000, 0.5) count; in evaluation (no
 * dropout) it is exactly 10,000.
 */
class DenseLayerCountTest {

    private static final int UNITS = 10_000;
    private static final int DRAWS = 20;

    @Test
    void trainingOutputIsTwiceTheKeptCountAndEvaluationIsExact() {
        MultiLayerNetwork net = DropoutTestSupport.linearNet(UNITS, 1, BernoulliDropout.dropRate(0.5).withSeed(2, 0),
                false, WeightInit.ONES);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, UNITS);
        // Bonferroni: each of DRAWS outputs lies in its interval with probability 1 - 0.001 / DRAWS.
        int[] interval = DropoutTestSupport.binomialInterval(UNITS, 0.5, 1 - (1 - DropoutTestSupport.CONFIDENCE) / DRAWS);
        for (int iteration = 0; iteration < DRAWS; iteration++) {
            net.getLayerWiseConfigurations().setIterationCount(iteration);
            net.getLayer(0).setIterationCount(iteration);
            double output = net.output(ones, true).getDouble(0);
            double kept = output / 2;
            assertEquals(Math.rint(kept), kept, "training output " + output + " is not an even integer");
            assertTrue(kept >= interval[0] && kept <= interval[1],
                    "kept " + kept + " outside [" + interval[0] + ", " + interval[1] + "]");
        }
        assertEquals(UNITS, net.output(ones, false).getDouble(0), 0.0);
    }

    @Test
    void trainingMasksDifferBetweenIterations() {
        MultiLayerNetwork net = DropoutTestSupport.linearNet(UNITS, 1, BernoulliDropout.dropRate(0.5).withSeed(2, 0),
                false, WeightInit.ONES);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, UNITS);
        INDArray first = net.output(ones, true);
        assertEquals(first, net.output(ones, true), "same iteration, same mask");
        net.getLayer(0).setIterationCount(1);
        assertTrue(!first.equals(net.output(ones, true)), "next iteration, new mask");
    }
}
