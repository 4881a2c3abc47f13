package org.dropoutrepro.train;

import java.io.Serializable;
import java.util.List;

/** What one training run produced: per-epoch metrics, the final test error, and a hash of the final parameters. */
public record RunOutcome(RunStatus status, List<EpochMetrics> epochs, Double testError, String parameterSha256,
                         double seconds, String divergence) implements Serializable {
}
