package org.dropoutrepro.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {

    private static ExperimentSpec parse(String yaml) {
        return SpecLoader.parse("test.yaml", new StringReader(yaml));
    }

    private static SpecException failure(String yaml) {
        return assertThrows(SpecException.class, () -> parse(yaml));
    }

    @Test
    void defaultsFillEveryKeyNotWritten() {
        RunConfig config = parse("name: x\n").configs(ExperimentSpec.DEFAULT_PROFILE).get(0).config();
        assertEquals(0.8, config.dropout().inputRetain());
        assertEquals(0.5, config.dropout().hiddenRetain());
        assertEquals(List.of(1024, 1024, 1024), config.architecture().hiddenWidths());
        assertEquals(List.of(1, 2, 3), config.training().seeds());
        assertNull(config.regularization().maxNorm());
    }

    @Test
    void unknownKeyNamesFileLineAndKey() {
        SpecException e = failure("name: x\ndropout:\n  hiddenRetain: 0.5\n  retainHidden: 0.5\n");
        assertEquals("test.yaml:4", e.where());
        assertEquals("dropout.retainHidden", e.key());
        assertTrue(e.getMessage().startsWith("test.yaml:4: key 'dropout.retainHidden': unknown key"), e.getMessage());
    }

    @Test
    void outOfRangeRetainProbabilitySaysWhatIsAllowed() {
        SpecException e = failure("name: x\ndropout:\n  inputRetain: 1.5\n");
        assertEquals("test.yaml:3: key 'dropout.inputRetain': 1.5 is not allowed; expected a number in [0, 1]", e.getMessage());
    }

    @Test
    void wrongTypesAreRejected() {
        assertTrue(failure("name: x\ntraining:\n  epochs: ten\n").getMessage()
                .contains("key 'training.epochs': \"ten\" is not allowed; expected a whole number"));
        assertTrue(failure("name: x\ntraining:\n  batchSize: 2.5\n").getMessage().contains("training.batchSize"));
        assertTrue(failure("name: x\ndropout:\n  kind: dropconnect\n").getMessage()
                .contains("expected one of none, bernoulli, gaussian"));
        assertTrue(failure("name: x\narchitecture:\n  hiddenWidths: []\n").getMessage().contains("non-empty list"));
        assertTrue(failure("name: x\ndropout: 0.5\n").getMessage().contains("expected a mapping"));
    }

    @Test
    void unknownTopLevelKeyAndMissingNameAreRejected() {
        assertTrue(failure("name: x\nseeds: 3\n").getMessage().contains("test.yaml:2: key 'seeds': unknown top-level key"));
        assertTrue(failure("dropout:\n  hiddenRetain: 0.5\n").getMessage().contains("key 'name': required"));
    }

    @Test
    void variantOverridesAreValidatedWithTheirLine() {
        SpecException e = failure("name: x\nvariants:\n  - name: a\n    set:\n      dropout.hiddenRetain: -0.1\n");
        assertEquals("test.yaml:5", e.where());
        assertEquals("dropout.hiddenRetain", e.key());
    }

    @Test
    void combinationsThatCannotRunAreRejected() {
        assertTrue(failure("name: x\ndropout:\n  implementation: dl4j\n  hiddenRetain: 0.0\n").getMessage()
                .contains("test.yaml:4: key 'dropout.hiddenRetain': a retain probability of 0 needs 'dropout.implementation: ours'"));
        assertTrue(failure("name: x\ndropout:\n  implementation: dl4j\n  scaling: test-time\n").getMessage()
                .contains("key 'dropout.scaling'"));
    }

    @Test
    void sweepExpandsToAGridOverVariants() {
        ExperimentSpec spec = parse("""
                name: x
                variants:
                  - name: a
                  - name: b
                    set:
                      dropout:
                        inputRetain: 1.0
                sweep:
                  - key: dropout.hiddenRetain
                    from: 0.2
                    to: 0.6
                    step: 0.2
                """);
        List<ExperimentSpec.ConfigPoint> points = spec.configs(ExperimentSpec.DEFAULT_PROFILE);
        assertEquals(6, points.size());
        assertEquals("b hiddenRetain=0.4", points.get(4).name());
        assertEquals(0.4, points.get(4).config().dropout().hiddenRetain());
        assertEquals(1.0, points.get(4).config().dropout().inputRetain());
        assertEquals(0.8, points.get(1).config().dropout().inputRetain());
        assertEquals(Map.of("dropout.hiddenRetain", 0.6), points.get(5).sweepValues());
    }

    @Test
    void sweepValuesAreValidatedLikeAnyValue() {
        SpecException e = failure("name: x\nsweep:\n  - key: dropout.hiddenRetain\n    values: [0.5, 2]\n");
        assertEquals("test.yaml:3", e.where());
        assertTrue(e.getMessage().contains("2 is not allowed"), e.getMessage());
        assertTrue(failure("name: x\nsweep:\n  - key: dropout.rate\n    values: [0.5]\n").getMessage().contains("not a spec key"));
    }

    @Test
    void profilesOverrideAndUnknownProfilesAreNamed() {
        ExperimentSpec spec = parse("name: x\ntraining:\n  epochs: 50\nprofiles:\n  smoke:\n    training.epochs: 1\n");
        assertEquals(50, spec.configs(ExperimentSpec.DEFAULT_PROFILE).get(0).config().training().epochs());
        assertEquals(1, spec.configs("smoke").get(0).config().training().epochs());
        SpecException e = assertThrows(SpecException.class, () -> spec.configs("paper"));
        assertTrue(e.getMessage().contains("no profile 'paper'; this spec has: smoke"), e.getMessage());
    }

    @Test
    void claimsMustNameVariantsOrConfigurations() {
        assertTrue(failure("name: x\nvariants:\n  - name: a\nclaims:\n  - statement: s\n    better: a\n    worse: b\n")
                .getMessage().contains("no variant or configuration named 'b'"));
        String swept = "name: x\nvariants:\n  - name: a\nsweep:\n  - key: dropout.hiddenRetain\n    values: [0.5, 1.0]\n"
                + "claims:\n  - statement: s\n    better: a hiddenRetain=0.5\n    worse: ";
        assertEquals("a hiddenRetain=1.0", parse(swept + "a hiddenRetain=1.0\n").claims().get(0).worse());
        SpecException e = failure(swept + "a hiddenRetain=0.7\n");
        assertTrue(e.getMessage().contains("configurations: [a hiddenRetain=0.5, a hiddenRetain=1.0]"), e.getMessage());
    }

    @Test
    void withOverridesResolvesSampledValuesIntoANewValidatedConfig() {
        RunConfig base = RunConfig.defaults();
        RunConfig sampled = base.withOverrides(Map.of("dropout.hiddenRetain", 0.7, "training.seeds", 2), "search");
        assertEquals(0.7, sampled.dropout().hiddenRetain());
        assertEquals(List.of(1, 2), sampled.training().seeds());
        assertEquals(0.5, base.dropout().hiddenRetain());
        SpecException e = assertThrows(SpecException.class, () -> base.withOverrides(Map.of("dropout.hiddenRetain", 7), "search"));
        assertEquals("search", e.where());
    }

    @Test
    void everyShippedExperimentSpecLoads() throws Exception {
        try (var specs = Files.list(Path.of("experiments"))) {
            List<Path> files = specs.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(files.size() >= 1);
            for (Path file : files) SpecLoader.load(file, java.util.Set.of("search")); // search sections: SearchSpecParserTest
        }
    }

    @Test
    void missingFileIsNamed() {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(Path.of("experiments/nope.yaml")));
        assertEquals("experiments/nope.yaml: no such file", e.getMessage());
    }
}
