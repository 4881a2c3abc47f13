package org.dropoutrepro.search;

import java.util.List;
import java.util.Map;
import org.dropoutrepro.train.EpochMetrics;

/**
 * One finished trial, one line of {@code trials.jsonl}: its number (from 1), status ({@code completed},
 * {@code pruned}, {@code failed}, {@code diverged}), the sampled values per key, the objective (the validation
 * error after the last epoch trained; none for a failed trial), every epoch's metrics (a failed trial's up to where it
 * threw), the training seed, the wall time, the reason for a failure or divergence or pruning, and Arbiter's flat
 * parameters (replayed into the genetic generator on resume).
 *
 * <p>Serves Appendix B.1 of the paper, which chose every hyperparameter on a held-out validation set: a trial is
 * scored on the validation split and never reads the test split, so there is no test error here (the final seeds,
 * {@link FinalSeedRecord}, carry it).
 */
public record TrialRecord(int trial, String status, Map<String, Object> values, Double validationError,
                          List<EpochMetrics> epochs, int seed, double seconds, String reason, double[] genes,
                          String parameterSha256) {

    public static final String COMPLETED = "completed";
    public static final String PRUNED = "pruned";
    public static final String FAILED = "failed";
    public static final String DIVERGED = "diverged";

    /** Whether this trial can be the best: it trained every epoch. */
    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /** The record without its wall time, for comparing two searches that should agree bit for bit. */
    public TrialRecord withoutTiming() {
        List<EpochMetrics> timeless = epochs.stream()
                .map(m -> new EpochMetrics(m.epoch(), m.trainLoss(), m.trainError(), m.validationError(), 0)).toList();
        return new TrialRecord(trial, status, values, validationError, timeless, seed, 0, reason, genes, parameterSha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrialRecord that && trial == that.trial && status.equals(that.status)
                && values.equals(that.values) && java.util.Objects.equals(validationError, that.validationError)
                && epochs.equals(that.epochs) && seed == that.seed && seconds == that.seconds
                && java.util.Objects.equals(reason, that.reason) && java.util.Arrays.equals(genes, that.genes)
                && java.util.Objects.equals(parameterSha256, that.parameterSha256);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(trial, status, values, validationError, epochs, seed);
    }
}
