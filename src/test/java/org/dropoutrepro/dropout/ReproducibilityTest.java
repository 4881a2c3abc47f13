package org.dropoutrepro.dropout;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A mask is a function of (network seed, layer index, iteration, epoch) and of nothing else. */
class ReproducibilityTest {

    private static final INDArray ONES = Nd4j.ones(DataType.FLOAT, 32, 64);

    private static INDArray mask(long seed, int layer, int iteration, int epoch) {
        return DropoutTestSupport.apply(BernoulliDropout.retain(0.5).withSeed(seed, layer), ONES, iteration, epoch);
    }

    @Test
    void sameCoordinatesGiveTheSameMaskOnSeparateInstances() {
        assertEquals(mask(11, 2, 30, 4), mask(11, 2, 30, 4));
        INDArray gaussian = DropoutTestSupport.apply(GaussianDropout.retain(0.5).withSeed(11, 2), ONES, 30, 4);
        assertEquals(gaussian, DropoutTestSupport.apply(GaussianDropout.retain(0.5).withSeed(11, 2), ONES, 30, 4));
    }

    @Test
    void eachCoordinateChangesTheMask() {
        INDArray reference = mask(11, 2, 30, 4);
        assertNotEquals(reference, mask(12, 2, 30, 4), "network seed");
        assertNotEquals(reference, mask(11, 3, 30, 4), "layer index");
        assertNotEquals(reference, mask(11, 2, 31, 4), "iteration");
        assertNotEquals(reference, mask(11, 2, 30, 5), "epoch");
    }

    @Test
    void maskFollowsItsDefinitionInFloatAndDouble() {
        long seed = SeedMixer.maskSeed(11, 2, 30, 4);
        double retain = 0.3;
        long threshold = (long) Math.floor(retain * 4294967296.0);
        // small; and large enough to be filled chunk by chunk in parallel, of odd length, ending in a partial chunk
        for (INDArray ones : new INDArray[] {ONES, Nd4j.ones(DataType.FLOAT, 99, 1001)}) {
            double[] expected = new double[(int) ones.length()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = CounterMasks.uniform32(seed, i) < threshold ? 1 / retain : 0;
            }
            BernoulliDropout dropout = BernoulliDropout.retain(retain).withSeed(11, 2);
            assertArrayEquals(expected, DropoutTestSupport.apply(dropout, ones.castTo(DataType.DOUBLE), 30, 4)
                    .data().asDouble());
            float[] expectedFloat = new float[expected.length];
            for (int i = 0; i < expected.length; i++) {
                expectedFloat[i] = (float) expected[i];
            }
            assertArrayEquals(expectedFloat, DropoutTestSupport.apply(dropout, ones, 30, 4).data().asFloat());
        }
    }

    @Test
    void maskSeedsOfNeighbouringCoordinatesAreDistinct() {
        java.util.Set<Long> seeds = new java.util.HashSet<>();
        for (int layer = 0; layer < 10; layer++) {
            for (int iteration = 0; iteration < 100; iteration++) {
                for (int epoch = 0; epoch < 10; epoch++) {
                    seeds.add(SeedMixer.maskSeed(0, layer, iteration, epoch));
                }
            }
        }
        assertEquals(10 * 100 * 10, seeds.size());
    }
}
