package org.dropoutrepro.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void studentTIntervalOfTheMean() {
        Stats.Summary s = Stats.summarize(List.of(1.0, 2.0, 3.0));
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(1.0, s.sd(), 1e-12);
        double half = 4.302652729911275 / Math.sqrt(3); // t(0.975, 2 df)
        assertEquals(2.0 - half, s.low(), 1e-9);
        assertEquals(2.0 + half, s.high(), 1e-9);
        assertTrue(Double.isNaN(Stats.summarize(List.of(5.0)).low()), "no interval from one seed");
    }

    @Test
    void welchIntervalOfADifference() {
        Stats.Difference d = Stats.welch(List.of(10.0, 11.0, 12.0, 13.0), List.of(1.0, 2.0, 3.0, 4.0));
        assertEquals(9.0, d.mean(), 1e-12);
        // equal variances and sizes: df = 6, se = sqrt(2 * 1.6667 / 4)
        double half = 2.446911851144969 * Math.sqrt(2 * (5.0 / 3) / 4);
        assertEquals(9.0 - half, d.low(), 1e-9);
        assertEquals(9.0 + half, d.high(), 1e-9);
    }

    @Test
    void pairedStandardErrorOfADifferenceOverTheSameExamples() {
        // d = (1, 0, 1, 0): mean 0.5, squares about it 1, so sqrt(1 / (4 x 3))
        assertEquals(Math.sqrt(1.0 / 12), Stats.pairedStandardError(new double[] {1, 0, 1, 0}, new double[] {0, 0, 0, 0}), 1e-15);
        // examples both sides get wrong cancel: adding them changes nothing but n
        assertEquals(0.0, Stats.pairedStandardError(new double[] {1, 1, 0}, new double[] {1, 1, 0}), 0.0);
        assertTrue(Double.isNaN(Stats.pairedStandardError(new double[] {1}, new double[] {0})));
    }
}
