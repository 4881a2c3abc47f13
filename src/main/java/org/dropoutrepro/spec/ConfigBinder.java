package org.dropoutrepro.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Validates raw located values against {@link SpecSchema}, fills in defaults, and checks keys that constrain each other. */
final class ConfigBinder {

    private ConfigBinder() {
    }

    static RunConfig bind(Map<String, Located> raw) {
        for (Map.Entry<String, Located> entry : raw.entrySet()) SpecSchema.requireKnown(entry.getKey(), entry.getValue().where());
        Map<String, Object> values = new LinkedHashMap<>();
        for (SpecKey key : SpecSchema.keys()) {
            Located located = raw.get(key.path());
            if (located == null) {
                values.put(key.path(), key.defaultValue());
                continue;
            }
            try {
                values.put(key.path(), key.coerce(located.value()));
            } catch (SpecKey.BadValue bad) {
                throw new SpecException(located.where(), key.path(), bad.getMessage());
            }
        }
        RunConfig config = new RunConfig(values);
        checkCombinations(config, raw);
        return config;
    }

    private static void checkCombinations(RunConfig config, Map<String, Located> raw) {
        Sections.Dropout dropout = config.dropout();
        if (dropout.kind() != Sections.DropoutKind.NONE && dropout.implementation() == Sections.Implementation.DL4J) {
            if (dropout.scaling() == org.dropoutrepro.dropout.Scaling.TEST_TIME) {
                fail(raw, "dropout.scaling", "test-time scaling needs 'dropout.implementation: ours' (DL4J's Dropout is inverted only)",
                        "dropout.implementation");
            }
            if (dropout.inputRetain() == 0.0 || dropout.hiddenRetain() == 0.0) {
                fail(raw, zeroRetainKey(dropout), "a retain probability of 0 needs 'dropout.implementation: ours' "
                        + "(DL4J's Dropout rejects 0)", "dropout.implementation");
            }
        }
        if (dropout.kind() == Sections.DropoutKind.GAUSSIAN && dropout.scaling() == org.dropoutrepro.dropout.Scaling.TEST_TIME) {
            fail(raw, "dropout.scaling", "Gaussian dropout has mean 1 and needs no scaling: use 'inverted'", "dropout.kind");
        }
        if (dropout.kind() == Sections.DropoutKind.GAUSSIAN && (dropout.inputRetain() == 0.0 || dropout.hiddenRetain() == 0.0)) {
            fail(raw, zeroRetainKey(dropout), "Gaussian dropout's variance (1 - retain)/retain is infinite at retain probability 0",
                    "dropout.kind");
        }
        if (config.architecture().widenByRetain() && dropout.hiddenRetain() == 0.0) {
            fail(raw, "architecture.widenByRetain", "widening to ceil(n / hiddenRetain) is undefined at hidden retain probability 0",
                    "dropout.hiddenRetain");
        }
        Sections.Optimizer optimizer = config.optimizer();
        if (optimizer.learningRateDecay() == Sections.Decay.EXPONENTIAL
                && (optimizer.learningRateDecayRate() <= 0 || optimizer.learningRateDecayRate() > 1)) {
            fail(raw, "optimizer.learningRateDecayRate", "exponential decay needs a factor per epoch in (0, 1]",
                    "optimizer.learningRateDecay");
        }
    }

    private static String zeroRetainKey(Sections.Dropout dropout) {
        return dropout.inputRetain() == 0.0 ? "dropout.inputRetain" : "dropout.hiddenRetain";
    }

    /**
     * Rejects {@code key}'s value, at its line in the spec; when {@code key} was left at its default, at the line of
     * {@code cause}, the setting that made the default invalid.
     */
    private static void fail(Map<String, Located> raw, String key, String problem, String cause) {
        Located located = raw.get(key);
        if (located != null) throw new SpecException(located.where(), key, problem);
        Located causeLocation = raw.get(cause);
        throw new SpecException(causeLocation == null ? "default value" : causeLocation.where(), key,
                problem + " (not set in the spec: its default does not fit '" + cause + "')");
    }
}
