package org.dropoutrepro.results;

import java.util.List;
import java.util.Map;
import org.dropoutrepro.data.FileHash;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.spec.Task;

/**
 * {@code experiment.json}: the experiment as it was resolved when it ran: spec file and its hash,
 * profile, every configuration with all its keys, the claims, the data used and its task. Resuming checks that
 * the configurations have not changed; {@code reproduce} and {@code report} read it back.
 */
public record Manifest(String name, String description, String specFile, String specSha256, String profile,
                       String paperSource, List<ConfigEntry> configs, List<ExperimentSpec.Claim> claims,
                       String dataNote, List<FileHash> dataFiles, Task task) {

    /**
     * Manifests written before the task was recorded lack it: their only regression data set was
     * {@code synthetic-regression}, every other one is a classification task.
     */
    public Manifest {
        if (task == null) {
            task = configs.stream().allMatch(c -> "synthetic-regression".equals(c.values().get("data.dataset")))
                    ? Task.REGRESSION : Task.CLASSIFICATION;
        }
    }

    /**
     * One configuration: its index, names, sweep coordinates, paper value and every resolved key. Keys added to
     * the schema after a manifest was written are read back at their defaults, which is what that run used.
     */
    public record ConfigEntry(int index, String name, String variant, Map<String, Object> sweepValues,
                              Double paperTestErrorPercent, Map<String, Object> values) {
        public ConfigEntry {
            if (values != null) {
                Map<String, Object> complete = new java.util.LinkedHashMap<>(values);
                for (org.dropoutrepro.spec.SpecKey key : org.dropoutrepro.spec.SpecSchema.keys()) {
                    if (!complete.containsKey(key.path())) complete.put(key.path(), key.defaultValue());
                }
                values = java.util.Collections.unmodifiableMap(complete);
            }
        }
    }
}
