package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dropoutrepro.spec.SpecException;
import org.dropoutrepro.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search: section: what it accepts, and every bad space rejected before training with file, line and key. */
class SearchSpecParserTest {

    @TempDir
    Path dir;

    /** A spec whose search section is {@code searchLines}; the first of them is on line 6 of the file. */
    private Path spec(String... searchLines) throws Exception {
        Path file = dir.resolve("s.yaml");
        String text = "name: s\n"
                + "data: {dataset: mnist-10k, validationSize: 100, trainSize: 200}\n"
                + "architecture: {hiddenWidths: [8]}\n"
                + "training: {epochs: 2}\n"
                + "search:\n"
                + String.join("\n", Arrays.stream(searchLines).map(l -> "  " + l).toList()) + "\n";
        Files.writeString(file, text);
        return file;
    }

    private SpecException rejected(String... searchLines) throws Exception {
        Path file = spec(searchLines);
        return assertThrows(SpecException.class, () -> SearchDefinition.load(file, "default", null, null));
    }

    private static void assertAt(SpecException e, int line, String key, String words) {
        assertTrue(e.where().endsWith("s.yaml:" + line), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void readsTheIssuesSyntax() throws Exception {
        Path file = spec("method: random", "trials: 24", "parallel: 2", "seed: 1", "space:",
                "  dropout.hiddenRetain: {min: 0.2, max: 1.0}",
                "  dropout.inputRetain: {min: 0.5, max: 1.0}",
                "  optimizer.learningRate: {min: 0.01, max: 10, scale: log}",
                "  regularization.maxNorm: {values: [null, 2, 3, 4]}",
                "  architecture.hiddenWidths: {values: [[512, 512], [1024, 1024]]}",
                "  training.batchSize: {min: 50, max: 200}",
                "pruning: {method: median, startEpoch: 2}", "finalSeeds: 5", "maxMinutes: 30");
        SearchSpec search = SearchDefinition.load(file, "default", null, null).search();
        assertEquals(SearchSpec.Method.RANDOM, search.method());
        assertEquals(24, search.trials());
        assertEquals(2, search.parallel());
        assertEquals(5, search.finalSeeds());
        assertEquals(30.0, search.maxMinutes());
        assertEquals(new SearchSpec.Pruning(true, 2, 5), search.pruning());
        assertEquals(SearchSpec.Scale.LINEAR, search.dimension("dropout.hiddenRetain").scale());
        assertEquals(SearchSpec.Scale.LOG, search.dimension("optimizer.learningRate").scale());
        assertEquals(SearchSpec.Scale.INTEGER, search.dimension("training.batchSize").scale());
        assertEquals(Arrays.asList(null, 2.0, 3.0, 4.0), search.dimension("regularization.maxNorm").values());
        assertEquals(List.of(List.of(512, 512), List.of(1024, 1024)), search.dimension("architecture.hiddenWidths").values());
        assertTrue(search.dimension("regularization.maxNorm").where().endsWith("s.yaml:14"));
    }

    @Test
    void minAboveMax() throws Exception {
        assertAt(rejected("trials: 4", "space:", "  dropout.hiddenRetain: {min: 0.9, max: 0.2}"), 8,
                "search.space.dropout.hiddenRetain", "must be below max");
    }

    @Test
    void logScaleWithMinAtOrBelowZero() throws Exception {
        assertAt(rejected("trials: 4", "space:", "  dropout.hiddenRetain: {min: 0, max: 1, scale: log}"), 8,
                "search.space.dropout.hiddenRetain.min", "log scale needs min > 0");
    }

    @Test
    void aKeyTheSchemaLacks() throws Exception {
        assertAt(rejected("trials: 4", "space:", "  dropout.hiddenRetainn: {min: 0.2, max: 1}"), 8,
                "search.space.dropout.hiddenRetainn", "not a spec key");
    }

    @Test
    void aValueOutsideTheKeysRange() throws Exception {
        assertAt(rejected("trials: 4", "space:", "  dropout.hiddenRetain:", "    min: 0.2", "    max: 1.5"), 10,
                "dropout.hiddenRetain", "1.5 is not allowed; expected a number in [0, 1]");
        assertAt(rejected("trials: 4", "space:", "  regularization.maxNorm:", "    values:", "      - 2", "      - -1"), 11,
                "regularization.maxNorm", "-1 is not allowed");
    }

    @Test
    void parallelBelowOne() throws Exception {
        assertAt(rejected("trials: 4", "parallel: 0", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}"), 7,
                "search.parallel", "expected a whole number in [1, 1024]");
    }

    @Test
    void aGridLargerThanTrialsWithoutSayingSo() throws Exception {
        assertAt(rejected("method: grid", "trials: 4", "gridPoints: 3", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}",
                "  regularization.maxNorm: {values: [null, 2]}"), 7, "search.trials", "the grid has 6 points but trials is 4");
        assertAt(rejected("method: grid", "trials: 4", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}",
                "  regularization.maxNorm: {values: [2]}"), 10, "search.space.regularization.maxNorm", "at least two values");
        Path file = spec("method: grid", "trials: 4", "gridPoints: 3", "partialGrid: true", "space:",
                "  dropout.hiddenRetain: {min: 0.2, max: 1}", "  regularization.maxNorm: {values: [null, 2]}");
        assertTrue(SearchDefinition.load(file, "default", null, null).search().partialGrid());
    }

    @Test
    void aTrialCountFromTheCommandLineIsCheckedAgainstTheGridToo() throws Exception {
        Path file = spec("method: grid", "trials: 6", "gridPoints: 3", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}",
                "  regularization.maxNorm: {values: [null, 2]}");
        assertEquals(6, SearchDefinition.load(file, "default", null, null).search().plannedTrials());
        SpecException e = assertThrows(SpecException.class, () -> SearchDefinition.load(file, "default", 4, null));
        assertEquals("--trials 4", e.where());
        assertEquals("search.trials", e.key());
        assertTrue(e.getMessage().contains("the grid has 6 points but trials is 4; raise trials to 6"), e.getMessage());
        assertEquals(8, SearchDefinition.load(file, "default", 8, 1).search().trials(), "more trials than points: the grid's 6 are trained");
        Path partial = spec("method: grid", "trials: 6", "gridPoints: 3", "partialGrid: true", "space:",
                "  dropout.hiddenRetain: {min: 0.2, max: 1}", "  regularization.maxNorm: {values: [null, 2]}");
        assertEquals(4, SearchDefinition.load(partial, "default", 4, null).search().plannedTrials(), "a partial grid: 4 of its points");
    }

    @Test
    void otherMistakes() throws Exception {
        assertAt(rejected("trials: 4", "metod: grid", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}"), 7,
                "search.metod", "unknown key");
        assertAt(rejected("method: bayes", "trials: 4", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}"), 6,
                "search.method", "expected one of random, grid, genetic");
        assertAt(rejected("trials: 4", "space:", "  training.seeds: {values: [1, 2]}"), 8, "search.space.training.seeds",
                "sets the seeds itself");
        assertAt(rejected("trials: 4", "space:", "  dropout.kind: {min: 0, max: 1}"), 8, "search.space.dropout.kind",
                "a range needs a number key");
        assertAt(rejected("trials: 4", "space:", "  training.batchSize: {min: 10, max: 100, scale: log}"), 8,
                "search.space.training.batchSize.scale", "log scale is for number keys");
        assertAt(rejected("trials: 4", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}", "pruning: {method: hyperband}"), 9,
                "search.pruning.method", "expected median or none");
        assertAt(rejected("space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}"), 6, "search.trials", "required");
    }

    @Test
    void valuesAndMinMaxTogether() throws Exception {
        assertAt(rejected("trials: 4", "space:", "  dropout.hiddenRetain: {values: [0.5, 0.8], min: 0.2, max: 1}"), 8,
                "search.space.dropout.hiddenRetain", "give either values: [...] or min/max, not both");
    }

    @Test
    void anUnknownDimensionField() throws Exception {
        assertAt(rejected("trials: 4", "space:", "  dropout.hiddenRetain:", "    min: 0.2", "    max: 1", "    step: 0.1"), 11,
                "search.space.dropout.hiddenRetain.step", "unknown key; a dimension is {min: A, max: B} (optionally scale: log) or "
                        + "{values: [...]}");
    }

    @Test
    void anUnknownPruningKey() throws Exception {
        assertAt(rejected("trials: 4", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}", "pruning:", "  method: median",
                "  warmupSteps: 2"), 11, "search.pruning.warmupSteps", "unknown key; allowed in pruning: method, startEpoch, startupTrials");
    }

    @Test
    void noValidationSplitPointsAtTheKeysLine() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "name: s\n"
                + "data:\n"
                + "  dataset: mnist-10k\n"
                + "  validationSize: 0\n"
                + "training: {epochs: 2}\n"
                + "search:\n"
                + "  trials: 4\n"
                + "  space:\n"
                + "    dropout.hiddenRetain: {min: 0.2, max: 1}\n");
        assertAt(assertThrows(SpecException.class, () -> SearchDefinition.load(file, "default", null, null)), 4,
                "data.validationSize", "needs data.validationSize > 0");
    }

    @Test
    void everyShippedSearchSpecLoadsUnderEachProfile() throws Exception {
        int searches = 0;
        try (var specs = Files.list(Path.of("experiments"))) {
            for (Path file : specs.filter(listed -> listed.toString().endsWith(".yaml")).sorted().toList()) {
                var loaded = SpecLoader.load(file, java.util.Set.of("search"));
                if (!loaded.sections().containsKey("search")) continue;
                searches++;
                SearchDefinition.load(file, "default", null, null);
                for (String profile : loaded.spec().profiles().keySet()) SearchDefinition.load(file, profile, null, null);
            }
        }
        assertTrue(searches >= 3, "search-quickstart, search-appendix-a and its companion");
    }

    @Test
    void readmeDocumentsEverySearchSetting() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Search"));
        for (String key : SearchSpecParser.KEYS) {
            assertTrue(section.contains("\n  " + key + ":"), "README's Search section does not document search." + key);
        }
    }

    @Test
    void aPruningMapTurnsTheMedianRuleOnWithItsDefaultsAndNoMapMeansNone() throws Exception {
        String space = "  dropout.hiddenRetain: {min: 0.2, max: 1}";
        assertEquals(SearchSpec.Pruning.NONE, SearchDefinition.load(spec("trials: 4", "space:", space), "default", null, null)
                .search().pruning());
        SearchSpec.Pruning defaults = new SearchSpec.Pruning(true, SearchSpec.Pruning.DEFAULT_START_EPOCH,
                SearchSpec.Pruning.DEFAULT_STARTUP_TRIALS);
        assertEquals(defaults, SearchDefinition.load(spec("trials: 4", "space:", space, "pruning: {}"), "default", null, null)
                .search().pruning());
        assertEquals(new SearchSpec.Pruning(true, 2, SearchSpec.Pruning.DEFAULT_STARTUP_TRIALS), SearchDefinition.load(
                spec("trials: 4", "space:", space, "pruning: {startEpoch: 2}"), "default", null, null).search().pruning());
        assertEquals(false, SearchDefinition.load(spec("trials: 4", "space:", space, "pruning: {method: none}"), "default", null, null)
                .search().pruning().median());
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("`startEpoch` defaults to " + SearchSpec.Pruning.DEFAULT_START_EPOCH + " ")
                && readme.contains("`startupTrials` to " + SearchSpec.Pruning.DEFAULT_STARTUP_TRIALS + " ")
                && readme.contains("`pruning: {}`"), "README's Search section gives the defaults the parser uses");
    }

    @Test
    void runRefusesASearchSpecAndSaysWhatToDo() throws Exception {
        Path file = spec("trials: 4", "space:", "  dropout.hiddenRetain: {min: 0.2, max: 1}");
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(file));
        assertTrue(e.getMessage().contains("./dropout search"), e.getMessage());
        assertNull(SpecLoader.load(Path.of("src/test/resources/specs/tiny.yaml"), java.util.Set.of("search")).sections().get("search"));
    }
}
