package org.dropoutrepro.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dropoutrepro.data.FileHash;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.spec.SpecKey;
import org.dropoutrepro.spec.SpecSchema;
import org.dropoutrepro.spec.Task;

/**
 * {@code experiment.json}: the experiment as it was resolved when it ran: spec file and its hash,
 * profile, every configuration with all its keys, the claims, the data used, its task and sizes. Resuming
 * checks that the configurations have not changed; {@code reproduce} and {@code report} read it back.
 */
public record Manifest(String name, String description, String specFile, String specSha256, String profile,
                       String paperSource, List<ConfigEntry> configs, List<ExperimentSpec.Claim> claims,
                       String dataNote, List<FileHash> dataFiles, Task task, DataSizes dataSizes) {

    /** The data note of every manifest written before the sizes were recorded ends with these counts. */
    private static final Pattern USED = Pattern.compile("used: (\\d+) training, (\\d+) validation, (\\d+) test");

    /**
     * Manifests written before the task was recorded lack it: their only regression data set was
     * {@code synthetic-regression}, every other one is a classification task. Those written before the sizes
     * were recorded lack them: they are read from the data note (every classification data set then had 10
     * classes).
     */
    public Manifest {
        if (task == null) {
            task = configs.stream().allMatch(c -> "synthetic-regression".equals(c.values().get("data.dataset")))
                    ? Task.REGRESSION : Task.CLASSIFICATION;
        }
        if (dataSizes == null) dataSizes = sizesIn(dataNote, task == Task.CLASSIFICATION ? 10 : 1);
    }

    /**
     * The split sizes a data note states ("used: 50000 training, 10000 validation, 10000 test", as every data set's
     * note ends), with {@code outputs}; null when the note does not state them.
     */
    public static DataSizes sizesIn(String dataNote, int outputs) {
        if (dataNote == null) return null;
        Matcher used = USED.matcher(dataNote);
        return used.find() ? new DataSizes(Integer.parseInt(used.group(1)), Integer.parseInt(used.group(2)),
                Integer.parseInt(used.group(3)), outputs) : null;
    }

    /** A manifest whose data sizes are read from {@code dataNote} (see the compact constructor). */
    public Manifest(String name, String description, String specFile, String specSha256, String profile, String paperSource,
                    List<ConfigEntry> configs, List<ExperimentSpec.Claim> claims, String dataNote, List<FileHash> dataFiles,
                    Task task) {
        this(name, description, specFile, specSha256, profile, paperSource, configs, claims, dataNote, dataFiles, task, null);
    }

    /** Examples in each split the first configuration used, and the number of outputs (classes for classification). */
    public record DataSizes(int train, int validation, int test, int outputs) {
    }

    /**
     * One configuration: its index, names, sweep coordinates, paper value and every resolved key. Keys added to
     * the schema after a manifest was written are read back at what that run used: their defaults, except
     * {@code regularization.maxNormMeaning}, whose values recorded before it existed meant the bound on the
     * trained weights ({@code as-trained}), so that such runs reproduce bit for bit.
     */
    public record ConfigEntry(int index, String name, String variant, Map<String, Object> sweepValues,
                              Double paperTestErrorPercent, Map<String, Object> values) {

        /** The meaning of max-norm c in configurations recorded without the key. */
        public static final String LEGACY_MAX_NORM_MEANING = "as-trained";

        public ConfigEntry {
            if (values != null) {
                Map<String, Object> complete = new LinkedHashMap<>(values);
                complete.putIfAbsent("regularization.maxNormMeaning", LEGACY_MAX_NORM_MEANING);
                for (SpecKey key : SpecSchema.keys()) complete.putIfAbsent(key.path(), key.defaultValue());
                values = Collections.unmodifiableMap(complete);
            }
        }

        /**
         * Whether this entry trains as {@code other} does: the same entry, up to keys that have no effect on training
         * (the meaning of max-norm c when there is no max-norm), so that results recorded before such a key existed can
         * be resumed, re-described and re-rendered under today's spec.
         */
        public boolean trainsAs(ConfigEntry other) {
            return index == other.index && Objects.equals(name, other.name) && Objects.equals(variant, other.variant)
                    && Objects.equals(sweepValues, other.sweepValues)
                    && Objects.equals(paperTestErrorPercent, other.paperTestErrorPercent)
                    && Objects.equals(effective(values), effective(other.values));
        }

        private static Map<String, Object> effective(Map<String, Object> values) {
            if (values == null || values.get("regularization.maxNorm") != null) return values;
            Map<String, Object> out = new LinkedHashMap<>(values);
            out.remove("regularization.maxNormMeaning");
            return out;
        }
    }

    /** Whether two lists of configurations train alike, entry by entry ({@link ConfigEntry#trainsAs}). */
    public static boolean trainAlike(List<ConfigEntry> recorded, List<ConfigEntry> current) {
        if (recorded.size() != current.size()) return false;
        for (int i = 0; i < recorded.size(); i++) {
            if (!recorded.get(i).trainsAs(current.get(i))) return false;
        }
        return true;
    }
}
