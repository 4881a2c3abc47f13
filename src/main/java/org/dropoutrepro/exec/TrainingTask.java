package org.dropoutrepro.exec;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dropoutrepro.spec.RunConfig;

/**
 * One unit of work, as plain data: an id (a run id or a trial's name), every resolved configuration key
 * with its value, the training seed, the identity of the data, and whether the test split is evaluated at
 * the end (a search trial never reads it). The same task gives the same outcome, bit for bit, wherever it
 * is executed on the same kind of machine.
 */
public record TrainingTask(String id, Map<String, Object> configValues, int seed, DataIdentity data, boolean evaluateTest)
        implements Serializable {

    public TrainingTask {
        configValues = Collections.unmodifiableMap(new LinkedHashMap<>(configValues));
    }

    /** A task for {@code config}: its values are recorded as resolved. */
    public static TrainingTask of(String id, RunConfig config, int seed, DataIdentity data, boolean evaluateTest) {
        return new TrainingTask(id, config.values(), seed, data, evaluateTest);
    }

    /** The configuration, validated again from its values. */
    public RunConfig config() {
        return RunConfig.defaults().withOverrides(configValues, "task " + id);
    }
}
