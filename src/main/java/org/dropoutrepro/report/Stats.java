package org.dropoutrepro.report;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/** Summary statistics over seeds: mean, sample standard deviation, and Student-t confidence intervals. */
public final class Stats {

    /** Mean, standard deviation (n-1) and a two-sided 95% Student-t interval of the mean. */
    public record Summary(int n, double mean, double sd, double low, double high) {
    }

    /** A difference of two means with its 95% Welch interval. */
    public record Difference(double mean, double low, double high) {
    }

    private Stats() {
    }

    public static Summary summarize(List<Double> values) {
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (n < 2) return new Summary(n, mean, Double.NaN, Double.NaN, Double.NaN);
        double sumSquares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(sumSquares / (n - 1));
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, mean - half, mean + half);
    }

    /** mean(a) - mean(b) with a 95% Welch-Satterthwaite interval; NaN bounds when either side has fewer than 2 values. */
    public static Difference welch(List<Double> a, List<Double> b) {
        Summary sa = summarize(a);
        Summary sb = summarize(b);
        double difference = sa.mean() - sb.mean();
        if (sa.n() < 2 || sb.n() < 2) return new Difference(difference, Double.NaN, Double.NaN);
        double va = sa.sd() * sa.sd() / sa.n();
        double vb = sb.sd() * sb.sd() / sb.n();
        double se = Math.sqrt(va + vb);
        if (se == 0) return new Difference(difference, difference, difference);
        double df = (va + vb) * (va + vb) / (va * va / (sa.n() - 1) + vb * vb / (sb.n() - 1));
        double half = new TDistribution(df).inverseCumulativeProbability(0.975) * se;
        return new Difference(difference, difference - half, difference + half);
    }
}
