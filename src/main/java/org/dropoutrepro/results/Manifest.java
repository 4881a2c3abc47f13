package org.dropoutrepro.results;

import java.util.List;
import java.util.Map;
import org.dropoutrepro.data.FileHash;
import org.dropoutrepro.spec.ExperimentSpec;

/**
 * {@code experiment.json}: the experiment as it was resolved when it ran: spec file and its hash,
 * profile, every configuration with all its keys, the claims, and the data used. Resuming checks that
 * the configurations have not changed; {@code reproduce} and {@code report} read it back.
 */
public record Manifest(String name, String description, String specFile, String specSha256, String profile,
                       String paperSource, List<ConfigEntry> configs, List<ExperimentSpec.Claim> claims,
                       String dataNote, List<FileHash> dataFiles) {

    /** One configuration: its index, names, sweep coordinates, paper value and every resolved key. */
    public record ConfigEntry(int index, String name, String variant, Map<String, Object> sweepValues,
                              Double paperTestErrorPercent, Map<String, Object> values) {
    }
}
