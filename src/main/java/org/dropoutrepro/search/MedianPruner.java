package org.dropoutrepro.search;

import java.util.List;
import java.util.Objects;

/**
 * The median stopping rule as Optuna's {@code MedianPruner}: after epoch {@code e >= startEpoch}, stop a trial
 * when the best validation error it has reached so far is worse than the median of the other trials' validation
 * errors at epoch {@code e}, provided at least {@code startupTrials} others reached that epoch. The median of an
 * even count is the mean of the middle two (numpy's percentile at 50, as Optuna computes it); a NaN best is pruned.
 *
 * <p>Which trials count as "the others" is the caller's choice; the search passes the trials with a lower number
 * (see {@link CurveBoard}), so that the decision does not depend on timing and a parallel or resumed search
 * prunes exactly as a sequential one. Optuna counts completed trials only; here a lower-numbered trial counts at
 * every epoch it reached, whether it later completed or was pruned.
 *
 * <p>Search tooling (Optuna's pruner) with no counterpart in the paper, which trained every configuration to the end.
 */
final class MedianPruner {

    /** A pruning decision with the numbers behind it. */
    record Decision(boolean prune, double best, double median, int others) {
        String reason(int epoch) {
            return String.format(java.util.Locale.ROOT, "pruned after epoch %d: best validation error %.4f above the median %.4f of %d earlier trials",
                    epoch, best, median, others);
        }
    }

    private final SearchSpec.Pruning settings;

    MedianPruner(SearchSpec.Pruning settings) {
        this.settings = settings;
    }

    boolean active() {
        return settings.median();
    }

    /**
     * {@code ownCurve} holds this trial's validation errors for epochs 1..{@code epoch}; {@code othersAtEpoch} the other
     * trials' validation errors at {@code epoch} (nulls and NaNs are ignored).
     */
    Decision decide(List<Double> ownCurve, int epoch, List<Double> othersAtEpoch) {
        double[] others = othersAtEpoch.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .filter(v -> !Double.isNaN(v)).sorted().toArray();
        double best = ownCurve.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        if (!settings.median() || epoch < settings.startEpoch() || others.length < settings.startupTrials()) {
            return new Decision(false, best, Double.NaN, others.length);
        }
        double median = median(others);
        return new Decision(Double.isNaN(best) || best > median, best, median, others.length);
    }

    /** The median of sorted values. */
    static double median(double[] sorted) {
        if (sorted.length == 0) return Double.NaN;
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
