package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchDirs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a resumed search must share with the recorded one: not the execution knobs ({@code parallel} outside a genetic
 * search, {@code maxMinutes}), which change neither the candidates nor their order.
 */
class SearchIdentityTest {

    @TempDir
    Path dir;

    private static SearchLog.Identity identity(SearchSpec.Method method, int parallel, Double maxMinutes, int trials) {
        SearchSpec spec = new SearchSpec(method, trials, parallel, 1, maxMinutes, List.of(range("dropout.hiddenRetain", 0.3, 1.0, false)),
                SearchSpec.Pruning.NONE, 0, 5, false, 3, null);
        return SearchDirs.identity("s", SearchDirs.base(), spec);
    }

    @Test
    void parallelAndTheTimeLimitAreNotPartOfTheSearch() {
        SearchLog.Identity recorded = identity(SearchSpec.Method.RANDOM, 1, null, 8);
        assertTrue(recorded.sameSearch(identity(SearchSpec.Method.RANDOM, 2, 60.0, 8)));
        assertTrue(identity(SearchSpec.Method.GENETIC, 2, 10.0, 8).sameSearch(identity(SearchSpec.Method.GENETIC, 2, 90.0, 8)));
        assertFalse(recorded.sameSearch(identity(SearchSpec.Method.RANDOM, 1, null, 9)), "more trials is another search");
        // a genetic search proposes trial i knowing trials 1 .. i - parallel: its parallel decides the candidates
        SearchLog.Identity genetic = identity(SearchSpec.Method.GENETIC, 1, null, 8);
        assertEquals(List.of("search settings (parallel)"), genetic.differences(identity(SearchSpec.Method.GENETIC, 2, null, 8), Set.of()));
    }

    @Test
    void aSearchResumesWithAnotherParallelismAndALongerTimeLimit() throws Exception {
        Path spec = dir.resolve("resumed.yaml");
        String text = String.join("\n", "name: resumed", "data: {dataset: synthetic-regression, validationSize: 10, trainSize: 50, testSize: 20}",
                "architecture: {hiddenWidths: [16]}", "dropout: {kind: none}", "optimizer: {momentumType: none}",
                "training: {batchSize: 10, epochs: 2}", "search:", "  trials: 3", "  parallel: 1", "  maxMinutes: 30", "  space:",
                "    optimizer.learningRate: {min: 0.001, max: 0.01}", "");
        Files.writeString(spec, text);
        Path out = SearchTestSupport.search(spec, "default", dir.resolve("out"), null, null);
        List<TrialRecord> before = SearchTestSupport.trials(out);
        Files.writeString(spec, text.replace("parallel: 1", "parallel: 2").replace("maxMinutes: 30", "maxMinutes: 600"));
        SearchTestSupport.search(spec, "default", out, 2, null);
        assertEquals(before, SearchTestSupport.trials(out), "accepted as the same search, and nothing retrained");
        assertEquals(600.0, SearchLog.readIdentity(out).search().get("maxMinutes"), "the report shows the limit now in force");
    }

    @Test
    void theCommittedQuickstartSearchIsStillTheSameSearchAsItsSpec() throws Exception {
        Path committed = Path.of("reports/search-quickstart");
        SearchLog.Identity recorded = SearchLog.readIdentity(committed);
        SearchDefinition definition = SearchDefinition.load(Path.of("experiments/search-quickstart.yaml"), "default", null, null);
        SearchLog.Identity now = new SearchLog.Identity(recorded.name(), recorded.specFile(), "default", definition.base().values(),
                definition.search().describe(), recorded.dataFiles(), recorded.dataNote(), recorded.command(), null, null, null);
        assertTrue(recorded.sameSearch(now), "differences: " + recorded.differences(now, Set.of()));
        assertTrue(PruningComparison.load(committed, recorded).measured(), "its -nopruning directory is the same search without pruning");
    }

    @Test
    void theDifferencesNameWhatChanged() {
        SearchLog.Identity recorded = identity(SearchSpec.Method.RANDOM, 1, null, 8);
        SearchLog.Identity changed = SearchDirs.identity("s", SearchDirs.base("training.epochs", 7),
                new SearchSpec(SearchSpec.Method.RANDOM, 8, 1, 1, null, List.of(range("dropout.hiddenRetain", 0.3, 1.0, false)),
                        SearchSpec.Pruning.NONE, 0, 5, false, 3, null));
        assertEquals(List.of("base configuration (training.epochs)"), recorded.differences(changed, Set.of()));
        assertEquals(Map.of(), SearchLog.Identity.comparableSettings(Map.of("maxMinutes", 5.0, "parallel", 2, "method", "random"),
                Set.of("method")));
    }
}
