package org.dropoutrepro.results;

import java.util.List;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunStatus;
import org.dropoutrepro.train.TestMistakes;

/**
 * One finished run as stored in {@code runs.jsonl}: which configuration and seed, what it measured (for classification,
 * which test examples it got wrong; {@code null} in records written before they were kept), and its provenance.
 */
public record RunRecord(String runId, int configIndex, String configName, String variant, int seed, RunStatus status,
                        Double testError, List<EpochMetrics> epochs, String parameterSha256, double seconds,
                        String divergence, Provenance provenance, TestMistakes testMistakes) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public RunRecord {
    }

    /** A record without per-example test results. */
    public RunRecord(String runId, int configIndex, String configName, String variant, int seed, RunStatus status, Double testError,
                     List<EpochMetrics> epochs, String parameterSha256, double seconds, String divergence, Provenance provenance) {
        this(runId, configIndex, configName, variant, seed, status, testError, epochs, parameterSha256, seconds, divergence, provenance, null);
    }
}
