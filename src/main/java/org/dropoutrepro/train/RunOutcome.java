package org.dropoutrepro.train;

import java.io.Serializable;
import java.util.List;

/**
 * What one training run produced: per-epoch metrics, the final test error, a hash of the final parameters, and (for
 * classification) which test examples it got wrong.
 */
public record RunOutcome(RunStatus status, List<EpochMetrics> epochs, Double testError, String parameterSha256,
                         double seconds, String divergence, TestMistakes testMistakes) implements Serializable {

    /** An outcome without per-example test results (stopped, diverged, not evaluated on the test split, or regression). */
    public RunOutcome(RunStatus status, List<EpochMetrics> epochs, Double testError, String parameterSha256, double seconds,
                      String divergence) {
        this(status, epochs, testError, parameterSha256, seconds, divergence, null);
    }
}
