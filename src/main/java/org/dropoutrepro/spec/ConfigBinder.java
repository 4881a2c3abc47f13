package org.dropoutrepro.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Validates raw located values against {@link SpecSchema}, fills in defaults, and checks keys that constrain each other. */
final class ConfigBinder {

    private ConfigBinder() {
    }

    static RunConfig bind(Map<String, Located> raw) {
        for (Map.Entry<String, Located> entry : raw.entrySet()) {
            if (SpecSchema.key(entry.getKey()) == null) {
                throw new SpecException(entry.getValue().where(), entry.getKey(),
                        "unknown key; see the key table in README.md or './dropout run --keys'");
            }
        }
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
                fail(raw, "dropout.scaling", "test-time scaling needs 'dropout.implementation: ours' (DL4J's Dropout is inverted only)");
            }
            if (dropout.inputRetain() == 0.0 || dropout.hiddenRetain() == 0.0) {
                fail(raw, dropout.inputRetain() == 0.0 ? "dropout.inputRetain" : "dropout.hiddenRetain",
                        "a retain probability of 0 needs 'dropout.implementation: ours' (DL4J's Dropout rejects 0)");
            }
        }
        if (dropout.kind() == Sections.DropoutKind.GAUSSIAN && dropout.scaling() == org.dropoutrepro.dropout.Scaling.TEST_TIME) {
            fail(raw, "dropout.scaling", "Gaussian dropout has mean 1 and needs no scaling: use 'inverted'");
        }
        if (dropout.kind() == Sections.DropoutKind.GAUSSIAN && (dropout.inputRetain() == 0.0 || dropout.hiddenRetain() == 0.0)) {
            fail(raw, dropout.inputRetain() == 0.0 ? "dropout.inputRetain" : "dropout.hiddenRetain",
                    "Gaussian dropout's variance (1-p)/p is infinite at retain probability 0");
        }
        if (config.architecture().widenByRetain() && dropout.hiddenRetain() == 0.0) {
            fail(raw, "architecture.widenByRetain", "n/p widening is undefined at hidden retain probability 0");
        }
        Sections.Optimizer optimizer = config.optimizer();
        if (optimizer.learningRateDecay() == Sections.Decay.EXPONENTIAL
                && (optimizer.learningRateDecayRate() <= 0 || optimizer.learningRateDecayRate() > 1)) {
            fail(raw, "optimizer.learningRateDecayRate", "exponential decay needs a factor per epoch in (0, 1]");
        }
    }

    private static void fail(Map<String, Located> raw, String key, String problem) {
        Located located = raw.get(key);
        throw new SpecException(located == null ? "default value" : located.where(), key, problem);
    }
}
