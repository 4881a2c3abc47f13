package org.dropoutrepro.exec;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.dropoutrepro.spec.RunConfig;

/**
 * One unit of work, as plain data: an id (a run id or a trial's name), every resolved configuration key
 * with its value, the training seed, the identity of the data, whether the test split is evaluated at
 * the end (a search trial never reads it), and where it keeps its checkpoint (null: it keeps none). The same
 * task gives the same outcome, bit for bit, wherever it is executed on the same kind of machine, and whether
 * or not it was interrupted and resumed from its checkpoint.
 */
public record TrainingTask(String id, Map<String, Object> configValues, int seed, DataIdentity data, boolean evaluateTest,
                           CheckpointPolicy checkpoints) implements Serializable {

    public TrainingTask {
        configValues = Collections.unmodifiableMap(new LinkedHashMap<>(configValues));
    }

    /** A task that keeps no checkpoint. */
    public TrainingTask(String id, Map<String, Object> configValues, int seed, DataIdentity data, boolean evaluateTest) {
        this(id, configValues, seed, data, evaluateTest, null);
    }

    /** A task for {@code config}: its values are recorded as resolved. */
    public static TrainingTask of(String id, RunConfig config, int seed, DataIdentity data, boolean evaluateTest) {
        return new TrainingTask(id, config.values(), seed, data, evaluateTest);
    }

    /** This task, saving its checkpoint as {@code policy} says (null: none). */
    public TrainingTask withCheckpoints(CheckpointPolicy policy) {
        return new TrainingTask(id, configValues, seed, data, evaluateTest, policy);
    }

    /** The configuration, validated again from its values. */
    public RunConfig config() {
        return RunConfig.defaults().withOverrides(configValues, "task " + id);
    }

    /**
     * SHA-256 of everything that determines the task's outcome (id, configuration values, seed, data files, test
     * evaluation; not where it checkpoints): a checkpoint is restored only into the task with the same fingerprint.
     */
    public String fingerprint() {
        String text = id + "\n" + new TreeMap<>(configValues) + "\n" + seed + "\n" + data.files() + "\n" + evaluateTest;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
