package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The probability that each noisy measurement is the lowest in truth, against closed forms. */
class BestProbabilityTest {

    @Test
    void twoMeasurementsFollowTheNormalOfTheirDifference() {
        // P(first lower) = Phi(d / sqrt(s1^2 + s2^2)) = Phi(0.01 / (0.005 sqrt 2)) = Phi(1.414) = 0.9214
        double[] p = BestProbability.of(new double[] {0.10, 0.11}, new double[] {0.005, 0.005});
        double expected = new NormalDistribution().cumulativeProbability(0.01 / Math.hypot(0.005, 0.005));
        assertEquals(expected, p[0], 1e-6);
        assertEquals(1 - expected, p[1], 1e-6);
        // unequal errors
        double[] q = BestProbability.of(new double[] {0.10, 0.11}, new double[] {0.002, 0.008});
        assertEquals(new NormalDistribution().cumulativeProbability(0.01 / Math.hypot(0.002, 0.008)), q[0], 1e-6);
    }

    @Test
    void equalMeasurementsShareTheProbabilityEvenly() {
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, BestProbability.of(new double[] {0.2, 0.2, 0.2},
                new double[] {0.01, 0.01, 0.01}), 1e-6);
    }

    @Test
    void withoutNoiseTheLowestIsCertain() {
        assertArrayEquals(new double[] {0, 1, 0}, BestProbability.of(new double[] {0.3, 0.1, 0.2}, new double[] {0, 0, 0}), 0);
        assertArrayEquals(new double[] {1, 0}, BestProbability.of(new double[] {0.1, 0.1}, new double[] {0, 0}), 0, "the first on a tie");
    }

    @Test
    void aFarMeasurementHasNoChance() {
        double[] p = BestProbability.of(new double[] {0.10, 0.20}, new double[] {0.003, 0.003});
        assertEquals(1, p[0], 1e-9);
        assertEquals(0, p[1], 1e-9);
    }
}
