package org.dropoutrepro.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fully resolved configuration: every key of {@link SpecSchema} with its value, and typed views of
 * the sections. Immutable. A configuration plus values sampled by a search resolves into another
 * configuration through {@link #withOverrides}, which validates exactly as a spec file is validated.
 */
public final class RunConfig {

    private final Map<String, Object> values;
    private final Sections.Data data;
    private final Sections.Architecture architecture;
    private final Sections.Dropout dropout;
    private final Sections.Optimizer optimizer;
    private final Sections.Regularization regularization;
    private final Sections.Training training;
    private final Sections.Evaluation evaluation;

    @SuppressWarnings("unchecked")
    RunConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        data = new Sections.Data((String) get("data.dataset"), (String) get("data.dir"),
                (Integer) get("data.validationSize"), (Integer) get("data.trainSize"),
                (Integer) get("data.testSize"), (Integer) get("data.splitSeed"), (String) get("data.path"),
                (String) get("data.testPath"), (String) get("data.testDir"), (Double) get("data.testFraction"),
                Sections.choice(Task.class, get("data.task")), (Integer) get("data.labelColumn"), (String) get("data.header"),
                (String) get("data.delimiter"), (Integer) get("data.height"), (Integer) get("data.width"),
                (Integer) get("data.channels"), (String) get("data.onBadFile"), (String) get("data.normalize"));
        architecture = new Sections.Architecture((List<Integer>) get("architecture.hiddenWidths"),
                (String) get("architecture.activation"), (Boolean) get("architecture.widenByRetain"),
                (Boolean) get("architecture.reuseActivations"),
                (String) get("architecture.weightInit"));
        dropout = new Sections.Dropout(Sections.choice(Sections.DropoutKind.class, get("dropout.kind")),
                Sections.choice(Sections.Implementation.class, get("dropout.implementation")),
                (Double) get("dropout.inputRetain"), (Double) get("dropout.hiddenRetain"),
                Sections.choice(org.dropoutrepro.dropout.Scaling.class, get("dropout.scaling")));
        optimizer = new Sections.Optimizer(Sections.choice(Sections.MomentumType.class, get("optimizer.momentumType")),
                (Double) get("optimizer.learningRate"),
                Sections.choice(Sections.Decay.class, get("optimizer.learningRateDecay")),
                (Double) get("optimizer.learningRateDecayRate"), (Double) get("optimizer.momentumInitial"),
                (Double) get("optimizer.momentumFinal"), (Integer) get("optimizer.momentumRampEpochs"),
                (Boolean) get("optimizer.dampening"));
        regularization = new Sections.Regularization((Double) get("regularization.maxNorm"),
                Sections.choice(Sections.Implementation.class, get("regularization.maxNormImplementation")),
                Sections.choice(Sections.MaxNormMeaning.class, get("regularization.maxNormMeaning")),
                (Double) get("regularization.l2"));
        training = new Sections.Training((Integer) get("training.batchSize"), (Integer) get("training.epochs"),
                (List<Integer>) get("training.seeds"), (Integer) get("training.trainErrorSubset"));
        evaluation = new Sections.Evaluation(Sections.choice(Sections.EvaluationMethod.class, get("evaluation.method")),
                (Integer) get("evaluation.mcSamples"), (Integer) get("evaluation.mcSeed"));
    }

    /** The configuration with every key at its default. */
    public static RunConfig defaults() {
        return ConfigBinder.bind(Map.of());
    }

    /** A new configuration with the given dotted keys replaced, validated; {@code origin} names the source in errors. */
    public RunConfig withOverrides(Map<String, ?> overrides, String origin) {
        Map<String, Located> raw = new LinkedHashMap<>();
        values.forEach((key, value) -> raw.put(key, new Located(value, "resolved configuration")));
        overrides.forEach((key, value) -> raw.put(key, new Located(value, origin)));
        return ConfigBinder.bind(raw);
    }

    private Object get(String key) {
        return values.get(key);
    }

    /** Every key with its value, in schema order. */
    public Map<String, Object> values() {
        return values;
    }

    public Sections.Data data() {
        return data;
    }

    public Sections.Architecture architecture() {
        return architecture;
    }

    public Sections.Dropout dropout() {
        return dropout;
    }

    public Sections.Optimizer optimizer() {
        return optimizer;
    }

    public Sections.Regularization regularization() {
        return regularization;
    }

    public Sections.Training training() {
        return training;
    }

    public Sections.Evaluation evaluation() {
        return evaluation;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunConfig that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
