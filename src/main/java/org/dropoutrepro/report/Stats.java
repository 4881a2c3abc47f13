package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Summary statistics over seeds (mean, sample standard deviation, Student-t intervals), Welch's test of a
 * difference, Holm's step-down correction across a report's claims, and the binomial standard error of an
 * error rate measured on a finite test set.
 */
public final class Stats {

    /** Mean, standard deviation (n-1) and a two-sided 95% Student-t interval of the mean. */
    public record Summary(int n, double mean, double sd, double low, double high) {
    }

    /**
     * A difference of two means with its two-sided 95% Welch interval, its standard error, degrees of freedom
     * and two-sided p-value; NaN where fewer than two values on a side or no spread at all leave them undefined.
     */
    public record Difference(double mean, double low, double high, double standardError, double degreesOfFreedom,
                             double pValue) {
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

    /**
     * mean(a) - mean(b) with a 95% Welch-Satterthwaite interval and the two-sided p-value of Welch's t test.
     * With fewer than 2 values on either side, or no spread on both sides (the standard error is 0), the
     * interval and the p-value are NaN: such a difference is not evidence either way.
     */
    public static Difference welch(List<Double> a, List<Double> b) {
        Summary sa = summarize(a);
        Summary sb = summarize(b);
        double difference = sa.mean() - sb.mean();
        if (sa.n() < 2 || sb.n() < 2) return new Difference(difference, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double va = sa.sd() * sa.sd() / sa.n();
        double vb = sb.sd() * sb.sd() / sb.n();
        double se = Math.sqrt(va + vb);
        if (se == 0) return new Difference(difference, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
        double df = (va + vb) * (va + vb) / (va * va / (sa.n() - 1) + vb * vb / (sb.n() - 1));
        TDistribution t = new TDistribution(df);
        double half = t.inverseCumulativeProbability(0.975) * se;
        double pValue = 2 * t.cumulativeProbability(-Math.abs(difference / se));
        return new Difference(difference, difference - half, difference + half, se, df, pValue);
    }

    /**
     * Holm's step-down adjusted p-values (Holm 1979), in the order given: with m p-values sorted ascending,
     * the i-th smallest (i from 1) is multiplied by m - i + 1, then made non-decreasing along the sorted order
     * and capped at 1. Rejecting where the adjusted value is below alpha controls the family-wise error rate
     * at alpha. NaN entries are not tests: they stay NaN and do not count in m.
     */
    public static List<Double> holm(List<Double> pValues) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pValues.size(); i++) if (!Double.isNaN(pValues.get(i))) order.add(i);
        order.sort(Comparator.comparingDouble(pValues::get));
        List<Double> adjusted = new ArrayList<>();
        for (int i = 0; i < pValues.size(); i++) adjusted.add(Double.NaN);
        int m = order.size();
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int index = order.get(rank);
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues.get(index)));
            adjusted.set(index, running);
        }
        return adjusted;
    }

    /**
     * The standard error of mean(a) - mean(b) over paired per-example values (the same test examples scored by two
     * configurations): sqrt(sum (d_i - mean d)^2 / (n (n - 1))) with d_i = a_i - b_i, the sampling noise of the difference
     * on another test set of the same size. NaN below two examples.
     */
    public static double pairedStandardError(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("paired values of " + a.length + " and " + b.length + " examples");
        int n = a.length;
        if (n < 2) return Double.NaN;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += a[i] - b[i];
        mean /= n;
        double squares = 0;
        for (int i = 0; i < n; i++) squares += (a[i] - b[i] - mean) * (a[i] - b[i] - mean);
        return Math.sqrt(squares / ((double) n * (n - 1)));
    }

    /**
     * The binomial standard error sqrt(e (1 - e) / n) of an error rate {@code error} measured on {@code n}
     * test examples: how far the rate on another test set of the same size would scatter, for fixed trained
     * networks. It does not shrink with more seeds, since every seed is scored on the same examples.
     */
    public static double binomialStandardError(double error, int n) {
        if (n <= 0 || Double.isNaN(error)) return Double.NaN;
        return Math.sqrt(error * (1 - error) / n);
    }
}
