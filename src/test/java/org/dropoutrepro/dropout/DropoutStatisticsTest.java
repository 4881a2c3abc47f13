package org.dropoutrepro.dropout;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.dropoutrepro.dropout.DropoutTestSupport.CONFIDENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Distributional checks of single masks (Section 4 for Bernoulli, Section 10 for Gaussian), 99.9% intervals. */
class DropoutStatisticsTest {

    private static final int ROWS = 200;
    private static final int COLS = 500;
    private static final int N = ROWS * COLS;

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.8})
    void keptFractionLiesInBinomialInterval(double retainProbability) {
        INDArray ones = Nd4j.ones(DataType.FLOAT, ROWS, COLS);
        INDArray out = DropoutTestSupport.apply(BernoulliDropout.retain(retainProbability).withSeed(1, 0), ones, 3, 0);
        int kept = out.neq(0).castTo(DataType.INT).sumNumber().intValue();
        int[] interval = DropoutTestSupport.binomialInterval(N, retainProbability, CONFIDENCE);
        assertTrue(kept >= interval[0] && kept <= interval[1],
                "kept " + kept + " of " + N + " outside [" + interval[0] + ", " + interval[1] + "]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.8})
    void invertedKeptUnitsAreScaledByInverseRetain(double retainProbability) {
        INDArray input = Nd4j.rand(DataType.DOUBLE, ROWS, COLS).addi(0.5);
        INDArray out = DropoutTestSupport.apply(BernoulliDropout.retain(retainProbability).withSeed(2, 0), input, 0, 0);
        double[] outputs = out.data().asDouble();
        double[] expectedIfKept = input.div(retainProbability).data().asDouble();
        for (int i = 0; i < N; i++) {
            assertTrue(outputs[i] == 0.0 || outputs[i] == expectedIfKept[i], "element " + i + " = " + outputs[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.8})
    void invertedOutputMeanEqualsInputMean(double retainProbability) {
        Nd4j.getRandom().setSeed(7);
        INDArray input = Nd4j.rand(DataType.DOUBLE, ROWS, COLS);
        INDArray out = DropoutTestSupport.apply(BernoulliDropout.retain(retainProbability).withSeed(3, 1), input, 5, 2);
        // out_i = x_i m_i / p: mean x_i, variance x_i^2 (1 - p) / p, independent; their mean is nearly normal.
        double variance = input.mul(input).sumNumber().doubleValue() * (1 - retainProbability) / retainProbability;
        double bound = DropoutTestSupport.zTwoSided(CONFIDENCE) * Math.sqrt(variance) / N;
        double difference = out.meanNumber().doubleValue() - input.meanNumber().doubleValue();
        assertTrue(Math.abs(difference) <= bound, "mean differs by " + difference + ", bound " + bound);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.8})
    void gaussianNoiseHasMeanOneAndVarianceFromRetainProbability(double retainProbability) {
        INDArray ones = Nd4j.ones(DataType.DOUBLE, ROWS, COLS);
        INDArray noise = DropoutTestSupport.apply(GaussianDropout.retain(retainProbability).withSeed(4, 2), ones, 1, 0);
        double variance = (1 - retainProbability) / retainProbability;
        double mean = noise.meanNumber().doubleValue();
        double meanBound = DropoutTestSupport.zTwoSided(CONFIDENCE) * Math.sqrt(variance / N);
        assertTrue(Math.abs(mean - 1) <= meanBound, "mean " + mean + ", bound 1 +- " + meanBound);
        // (N - 1) s^2 / sigma^2 ~ chi-square(N - 1)
        double sampleVariance = noise.varNumber().doubleValue();
        ChiSquaredDistribution chiSquare = new ChiSquaredDistribution(null, N - 1);
        double tail = (1 - CONFIDENCE) / 2;
        double lo = chiSquare.inverseCumulativeProbability(tail) * variance / (N - 1);
        double hi = chiSquare.inverseCumulativeProbability(1 - tail) * variance / (N - 1);
        assertTrue(sampleVariance >= lo && sampleVariance <= hi,
                "variance " + sampleVariance + " outside [" + lo + ", " + hi + "]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.8})
    void gaussianDropRateIsTheComplementOfRetain(double retainProbability) {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 10, 10);
        INDArray fromRetain = DropoutTestSupport.apply(GaussianDropout.retain(retainProbability).withSeed(5, 0), ones, 0, 0);
        INDArray fromDrop = DropoutTestSupport.apply(GaussianDropout.dropRate(1 - retainProbability).withSeed(5, 0), ones, 0, 0);
        assertEquals(fromRetain, fromDrop);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.8})
    void testTimeScalingLeavesKeptUnitsUnscaled(double retainProbability) {
        INDArray input = Nd4j.rand(DataType.FLOAT, ROWS, COLS).addi(0.5);
        BernoulliDropout dropout = BernoulliDropout.retain(retainProbability).withScaling(Scaling.TEST_TIME).withSeed(6, 0);
        INDArray out = DropoutTestSupport.apply(dropout, input, 0, 0);
        float[] outputs = out.data().asFloat();
        float[] inputs = input.data().asFloat();
        int kept = 0;
        for (int i = 0; i < N; i++) {
            assertTrue(outputs[i] == 0f || outputs[i] == inputs[i], "element " + i + " = " + outputs[i]);
            kept += outputs[i] == 0f ? 0 : 1;
        }
        int[] interval = DropoutTestSupport.binomialInterval(N, retainProbability, CONFIDENCE);
        assertTrue(kept >= interval[0] && kept <= interval[1], "kept " + kept);
    }
}
