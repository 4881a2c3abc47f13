package org.dropoutrepro.search;

import org.apache.commons.math3.special.Erf;

/**
 * The probability that each of several noisy measurements is the lowest in truth: for true values drawn independently
 * as normal around the observed ones (a flat prior) with the given standard errors, the chance that each is the
 * minimum, P_i = integral of pdf_i(x) times the product over j != i of P(X_j > x) dx. It serves the search report's
 * reading of Appendix A: how likely the configuration that is truly best on the validation distribution lies inside a
 * guide's range, given that one search measured each trial once (Appendix B.1 chose on a validation set of finite size).
 *
 * <p>Computed by the trapezoid rule on a grid of {@value #STEPS} intervals spanning 8 standard errors beyond the
 * extreme values; the probabilities are normalised to sum to 1. With no noise at all, the lowest value (the first on a
 * tie) gets probability 1.
 */
final class BestProbability {

    static final int STEPS = 4000;
    private static final double SPAN = 8;

    private BestProbability() {
    }

    /** The probability that each of {@code values} (with standard errors {@code errors}) is the lowest in truth. */
    static double[] of(double[] values, double[] errors) {
        int n = values.length;
        double[] out = new double[n];
        if (n == 0) return out;
        boolean noiseless = true;
        for (double e : errors) noiseless &= !(e > 0);
        if (noiseless) {
            int lowest = 0;
            for (int i = 1; i < n; i++) if (values[i] < values[lowest]) lowest = i;
            out[lowest] = 1;
            return out;
        }
        double floor = 1e-12; // a measurement without noise is treated as one with a negligible spread
        double[] sd = new double[n];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            sd[i] = Math.max(errors[i], floor);
            low = Math.min(low, values[i] - SPAN * sd[i]);
            high = Math.max(high, values[i] + SPAN * sd[i]);
        }
        double step = (high - low) / STEPS;
        double[][] survival = new double[n][STEPS + 1];
        double[][] density = new double[n][STEPS + 1];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= STEPS; k++) {
                double z = (low + k * step - values[i]) / sd[i];
                survival[i][k] = 0.5 * Erf.erfc(z / Math.sqrt(2));
                density[i][k] = Math.exp(-0.5 * z * z) / (sd[i] * Math.sqrt(2 * Math.PI));
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k <= STEPS; k++) {
                double term = density[i][k];
                for (int j = 0; j < n && term > 0; j++) if (j != i) term *= survival[j][k];
                sum += (k == 0 || k == STEPS ? 0.5 : 1) * term;
            }
            out[i] = sum * step;
            total += out[i];
        }
        for (int i = 0; i < n; i++) out[i] /= total;
        return out;
    }
}
