package org.dropoutrepro.results;

import java.util.List;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunStatus;

/** One finished run as stored in {@code runs.jsonl}: which configuration and seed, what it measured, and its provenance. */
public record RunRecord(String runId, int configIndex, String configName, String variant, int seed, RunStatus status,
                        Double testError, List<EpochMetrics> epochs, String parameterSha256, double seconds,
                        String divergence, Provenance provenance) {
}
