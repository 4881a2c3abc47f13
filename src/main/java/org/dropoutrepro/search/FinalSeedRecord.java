package org.dropoutrepro.search;

import java.util.List;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.TestMistakes;

/**
 * One retraining of the best trial's configuration with a new seed, one line of {@code final.jsonl}: the only
 * runs of a search that touch the test split, once, after the last epoch. {@code bestTrial} names the trial it
 * retrains, so that results for an earlier best are not mixed in if a resumed search finds a better one.
 *
 * <p>The second half of Appendix B.1's protocol: hyperparameters chosen on the validation split (the trials), the
 * test error reported for the chosen configuration only, here over new seeds rather than the paper's single run. For
 * classification it keeps which test examples the seed misclassified, so that two searches' final seeds can be compared
 * example by example ({@link TunedComparison}).
 */
public record FinalSeedRecord(int bestTrial, int seed, String status, Double testError, Double validationError,
                              List<EpochMetrics> epochs, double seconds, String reason, String parameterSha256,
                              TestMistakes testMistakes) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public FinalSeedRecord {
    }

    /** A record without per-example test results (failed, diverged, or written before they were kept). */
    public FinalSeedRecord(int bestTrial, int seed, String status, Double testError, Double validationError, List<EpochMetrics> epochs,
                           double seconds, String reason, String parameterSha256) {
        this(bestTrial, seed, status, testError, validationError, epochs, seconds, reason, parameterSha256, null);
    }

    /**
     * Whether the run threw (an out-of-memory error, a lost Spark executor): not an outcome of the configuration, so a
     * resumed search trains the seed again and a later record of it replaces this one. A diverged seed is an outcome.
     */
    public boolean failed() {
        return TrialRecord.FAILED.equals(status);
    }
}
