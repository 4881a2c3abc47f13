package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchTestSupport.finals;
import static org.dropoutrepro.search.SearchTestSupport.search;
import static org.dropoutrepro.search.SearchTestSupport.trials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.dropoutrepro.data.FashionMnist;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches end to end on small subsets of real digits: reproducible, parallel-safe, blind to the test split, failure-tolerant. */
class SearchRunnerTest {

    @TempDir
    Path dir;

    @Test
    void theSameSearchTwiceGivesIdenticalTrialsAndFinalSeeds() throws Exception {
        Path a = search(SearchTestSupport.TINY, "default", dir.resolve("a"), null, null);
        Path b = search(SearchTestSupport.TINY, "default", dir.resolve("b"), null, null);
        List<TrialRecord> trials = trials(a);
        assertEquals(6, trials.size());
        assertTrue(trials.stream().anyMatch(t -> t.status().equals(TrialRecord.PRUNED)), "the tiny search prunes: " + trials);
        assertTrue(trials.stream().anyMatch(TrialRecord::completed));
        assertEquals(trials, trials(b));
        assertEquals(2, finals(a).size());
        assertEquals(finals(a), finals(b));
        assertEquals(10, SearchLog.readIdentity(a).classes(), "the digits' classes, by which the report tells a trial stuck at chance");
        for (TrialRecord t : trials) {
            if (t.status().equals(TrialRecord.PRUNED)) {
                assertTrue(t.epochs().size() < 3 && t.reason().startsWith("pruned after epoch"), t.toString());
            }
        }
    }

    @Test
    void parallelTrialsAreBitIdenticalToSequentialOnes() throws Exception {
        Path one = search(SearchTestSupport.TINY, "default", dir.resolve("one"), 1, null);
        Path two = search(SearchTestSupport.TINY, "default", dir.resolve("two"), 2, null);
        assertEquals(trials(one), trials(two), "random search with median pruning");
        assertEquals(finals(one), finals(two));
        Path geneticOne = search(SearchTestSupport.GENETIC, "default", dir.resolve("g1"), 1, null);
        Path geneticTwo = search(SearchTestSupport.GENETIC, "default", dir.resolve("g2"), 2, null);
        assertEquals(7, trials(geneticOne).size());
        assertEquals(trials(geneticOne), trials(geneticTwo), "genetic search: proposals depend on results reported at fixed points");
    }

    @Test
    void bestYamlIsASpecThatRunAcceptsWithTheBestValuesAndTheFinalSeeds() throws Exception {
        Path out = search(SearchTestSupport.TINY, "default", dir.resolve("best"), null, null);
        TrialRecord best = SearchRunner.best(SearchLog.readTrials(out));
        RunConfig base = SearchDefinition.load(SearchTestSupport.TINY, "default", null, null).base();
        Map<String, Object> expected = new HashMap<>(best.values());
        expected.put("training.seeds", List.of(8, 9));
        RunConfig fromYaml = SpecLoader.load(out.resolve("best.yaml")).configs("default").get(0).config();
        assertEquals(base.withOverrides(expected, "expected"), fromYaml);
        String report = Files.readString(out.resolve("REPORT.md"));
        for (String section : new String[] {"## Best trial", "## Final seeds", "95% interval of the mean over seeds (t)", "## Leaderboard",
                "## Plots",
                "history.svg", "slice-dropout-hiddenRetain.svg", "heatmap.svg", "curves.svg", "## Parameter importance",
                "what pruning saved", "./dropout search"}) {
            assertTrue(report.contains(section), "REPORT.md lacks '" + section + "'");
        }
        assertEquals(7, Files.readAllLines(out.resolve("trials.csv")).size());
    }

    /** A copy of Fashion-MNIST whose test labels are all wrong (each shifted by one class). */
    private Path fashionWithWrongTestLabels() throws Exception {
        Path wrong = Files.createDirectories(dir.resolve("wrong-labels"));
        Path real = FashionMnist.directory();
        for (String file : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")) {
            Files.createSymbolicLink(wrong.resolve(file), real.resolve(file));
        }
        byte[] labels;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(real.resolve("t10k-labels-idx1-ubyte.gz")))) {
            labels = in.readAllBytes();
        }
        for (int i = 8; i < labels.length; i++) labels[i] = (byte) ((labels[i] + 1) % 10);
        Files.write(wrong.resolve("t10k-labels-idx1-ubyte"), labels);
        return wrong;
    }

    @Test
    void aTrialNeverReadsTheTestSplit() throws Exception {
        Path spec = dir.resolve("fashion-search.yaml");
        Files.writeString(spec, String.join("\n", "name: fashion-search",
                "data: {dataset: fashion-mnist, validationSize: 200, trainSize: 500, testSize: 300}",
                "architecture: {hiddenWidths: [32]}", "optimizer: {momentumRampEpochs: 1}", "training: {epochs: 2}",
                "search:", "  trials: 5", "  seed: 2", "  finalSeeds: 1",
                "  space:", "    dropout.hiddenRetain: {min: 0.3, max: 1.0}", "    optimizer.learningRate: {min: 0.01, max: 1, scale: log}",
                "  pruning: {method: median, startEpoch: 1, startupTrials: 2}", ""));
        Path real = search(spec, "default", dir.resolve("real"), null, FashionMnist.directory());
        Path wrongLabels = fashionWithWrongTestLabels();
        Path wrong = search(spec, "default", dir.resolve("wrong"), null, wrongLabels);
        String regenerate = "./dropout search " + spec + " --out " + wrong + " --data-dir " + wrongLabels;
        assertTrue(Files.readString(wrong.resolve("REPORT.md")).contains("Generated by `" + regenerate + "`"), "the data dir given is repeated");
        assertTrue(Files.readString(wrong.resolve("best.yaml")).startsWith("# Written by " + regenerate + " "));
        assertEquals(trials(real), trials(wrong), "no trial record changes when the test labels are wrong");
        assertEquals(SearchRunner.best(SearchLog.readTrials(real)).trial(), SearchRunner.best(SearchLog.readTrials(wrong)).trial());
        FinalSeedRecord realFinal = SearchLog.readFinals(real).get(0);
        FinalSeedRecord wrongFinal = SearchLog.readFinals(wrong).get(0);
        assertEquals(realFinal.validationError(), wrongFinal.validationError());
        assertTrue(wrongFinal.testError() > 0.5 && realFinal.testError() < wrongFinal.testError(),
                "only the final seeds read the test split: " + realFinal.testError() + " vs " + wrongFinal.testError());
    }

    private Path write(String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static final String[] REGRESSION_BASE = {"data: {dataset: synthetic-regression, validationSize: 10, trainSize: 50, testSize: 20}",
            "architecture: {hiddenWidths: [16]}", "dropout: {kind: none}", "optimizer: {momentumType: none}",
            "training: {batchSize: 10, epochs: 2}"};

    @Test
    void failedAndDivergedTrialsAreRecordedAndTheSearchGoesOn() throws Exception {
        Path spec = write("failing.yaml", "name: failing", REGRESSION_BASE[0], REGRESSION_BASE[1], REGRESSION_BASE[2], REGRESSION_BASE[3],
                REGRESSION_BASE[4], "search:", "  method: grid", "  trials: 4", "  space:",
                "    optimizer.learningRate: {values: [1000.0, 0.01]}", "    regularization.maxNormImplementation: {values: [ours, dl4j]}");
        Path out = search(spec, "default", dir.resolve("failing"), null, null);
        Map<String, Long> statuses = new HashMap<>();
        for (TrialRecord t : trials(out)) statuses.merge(t.status(), 1L, Long::sum);
        assertEquals(Map.of(TrialRecord.DIVERGED, 2L, TrialRecord.COMPLETED, 2L), statuses);
        TrialRecord diverged = trials(out).stream().filter(t -> t.status().equals(TrialRecord.DIVERGED)).findFirst().orElseThrow();
        assertTrue(diverged.reason() != null && !diverged.reason().isBlank());

        Path invalid = write("invalid.yaml", "name: invalid", REGRESSION_BASE[0], REGRESSION_BASE[1],
                "dropout: {kind: bernoulli}", REGRESSION_BASE[3], REGRESSION_BASE[4], "search:", "  trials: 4", "  seed: 1", "  space:",
                "    dropout.implementation: {values: [dl4j]}", "    dropout.hiddenRetain: {values: [0.0, 0.5]}");
        Path partly = search(invalid, "default", dir.resolve("invalid"), null, null);
        List<TrialRecord> mixed = trials(partly);
        assertEquals(4, mixed.size());
        TrialRecord failed = mixed.stream().filter(t -> t.status().equals(TrialRecord.FAILED)).findFirst().orElseThrow();
        assertEquals(0.0, failed.values().get("dropout.hiddenRetain"));
        assertTrue(failed.reason().contains("retain probability of 0 needs 'dropout.implementation: ours'"), failed.reason());
        assertNull(failed.validationError());
        assertTrue(mixed.stream().anyMatch(TrialRecord::completed), "the search went on past the failure: " + mixed);
    }

    @Test
    void aTrialThatThrowsMidTrainingKeepsTheEpochsLaterTrialsWerePrunedAgainst() throws Exception {
        Path live = SearchTestSupport.searchWithAFailure(SearchTestSupport.TINY, dir.resolve("live"), "trial-2", 2);
        TrialRecord failed = trials(live).get(1);
        assertEquals(TrialRecord.FAILED, failed.status());
        assertTrue(failed.reason().contains("injected failure after epoch 2"), failed.reason());
        assertEquals(List.of(1, 2), failed.epochs().stream().map(org.dropoutrepro.train.EpochMetrics::epoch).toList(),
                "the epochs it posted to the board before it threw");
        assertNull(failed.validationError(), "a failed trial has no objective");

        // killed after trial 2 was recorded: the resumed search rebuilds the board from the log and prunes as the live one did
        Path resumed = Files.createDirectories(dir.resolve("resumed"));
        Files.copy(live.resolve(SearchLog.IDENTITY), resumed.resolve(SearchLog.IDENTITY));
        Files.write(resumed.resolve(SearchLog.TRIALS), Files.readAllLines(live.resolve(SearchLog.TRIALS)).subList(0, 2));
        search(SearchTestSupport.TINY, "default", resumed, null, null);
        assertEquals(trials(live), trials(resumed));
        assertEquals(finals(live), finals(resumed));
    }

    @Test
    void aFinalSeedThatThrowsIsTrainedAgainOnResumeAndADivergedOneIsNot() throws Exception {
        Path out = SearchTestSupport.searchWithAFailure(SearchTestSupport.TINY, dir.resolve("finals"), "final-seed-9", 1);
        List<FinalSeedRecord> first = SearchLog.readFinals(out);
        assertEquals(List.of("8 completed", "9 failed"), first.stream().sorted(java.util.Comparator.comparingInt(FinalSeedRecord::seed))
                .map(f -> f.seed() + " " + f.status()).toList());
        assertEquals("all 6 trials and 1 of 2 final seeds are recorded.", SearchReport.progressNote(out), "a failed seed is still to do");

        search(SearchTestSupport.TINY, "default", out, null, null);
        List<FinalSeedRecord> retried = SearchLog.readFinals(out);
        assertEquals(3, retried.size(), "seed 9 trained once more, seed 8 kept: " + retried);
        assertEquals(List.of("8 completed", "9 completed"), SearchLog.finalsOf(out, retried.get(0).bestTrial()).stream()
                .map(f -> f.seed() + " " + f.status()).toList(), "the retraining replaces the failure");
        assertNull(SearchReport.progressNote(out));
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("| 9 | completed |") && !report.contains("| 9 | failed |"), report);
        Path clean = search(SearchTestSupport.TINY, "default", dir.resolve("clean"), null, null);
        List<String> recorded = finals(out); // in seed order: 8, 9 failed, 9 retrained
        assertEquals(finals(clean), List.of(recorded.get(0), recorded.get(2)), "the retrained seed 9 is the one an uninterrupted search trains");

        // a diverged seed is an outcome of the configuration: the same command does not train it again
        List<FinalSeedRecord> kept = SearchLog.finalsOf(out, retried.get(0).bestTrial());
        Files.delete(out.resolve(SearchLog.FINALS));
        FinalSeedRecord eight = kept.get(0);
        org.dropoutrepro.results.JsonLines.append(out.resolve(SearchLog.FINALS), new FinalSeedRecord(eight.bestTrial(), eight.seed(),
                TrialRecord.DIVERGED, null, null, List.of(), 1, "loss became NaN", null));
        org.dropoutrepro.results.JsonLines.append(out.resolve(SearchLog.FINALS), kept.get(1));
        search(SearchTestSupport.TINY, "default", out, null, null);
        assertEquals(2, SearchLog.readFinals(out).size(), "nothing retrained");
        assertNull(SearchReport.progressNote(out));
    }

    @Test
    void aSearchWhoseTrialsAllFailEndsWithAClearError() throws Exception {
        Path spec = write("all-fail.yaml", "name: all-fail", REGRESSION_BASE[0], REGRESSION_BASE[1], "dropout: {kind: bernoulli}",
                REGRESSION_BASE[3], REGRESSION_BASE[4], "search:", "  trials: 1", "  space:",
                "    dropout.implementation: {values: [dl4j]}", "    dropout.hiddenRetain: {values: [0.0]}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> search(spec, "default", dir.resolve("all-fail"), null, null));
        assertTrue(e.getMessage().startsWith("no trial of the search completed (1 trials: trial 1 failed:"), e.getMessage());
        Path report = dir.resolve("all-fail").resolve("REPORT.md");
        assertTrue(Files.exists(report), "the report is written first, so that the failures can be read");
        String text = Files.readString(report);
        assertTrue(text.contains("No trial completed.") && text.contains("- trial 1 failed: ")
                && text.contains("retain probability of 0 needs 'dropout.implementation: ours'"), text);
        assertTrue(e.getMessage().endsWith(report.toString()), e.getMessage());
    }

    @Test
    void aChangedSpecIsRefused() throws Exception {
        Path spec = write("changing.yaml", "name: changing", REGRESSION_BASE[0], REGRESSION_BASE[1], REGRESSION_BASE[2], REGRESSION_BASE[3],
                REGRESSION_BASE[4], "search:", "  trials: 2", "  space:", "    optimizer.learningRate: {min: 0.001, max: 0.01}");
        Path out = search(spec, "default", dir.resolve("changing"), null, null);
        List<TrialRecord> before = trials(out);
        Files.writeString(spec, Files.readString(spec).replace("max: 0.01", "max: 0.02"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> search(spec, "default", out, null, null));
        assertTrue(e.getMessage().contains("different version of this search") && e.getMessage().contains("--fresh"), e.getMessage());
        assertEquals(before, trials(out), "nothing was overwritten");
        assertNotEquals(0, before.size());
    }

    @Test
    void finalSeedsRecordedWithoutTheirMistakesAreRescoredOnRequestToTheSameTestErrors() throws Exception {
        Path searched = search(SearchTestSupport.TINY, "default", dir.resolve("rescore"), null, null);
        List<FinalSeedRecord> first = SearchLog.readFinals(searched);
        assertEquals(2, first.size());
        assertTrue(first.stream().allMatch(f -> f.testMistakes() != null), "final seeds record their mistakes");
        // as a search recorded before final seeds kept their mistakes
        StringBuilder legacy = new StringBuilder();
        for (FinalSeedRecord f : first) {
            legacy.append(org.dropoutrepro.results.Json.MAPPER.writeValueAsString(new FinalSeedRecord(f.bestTrial(), f.seed(), f.status(),
                    f.testError(), f.validationError(), f.epochs(), f.seconds(), f.reason(), f.parameterSha256()))).append('\n');
        }
        Files.writeString(searched.resolve(SearchLog.FINALS), legacy.toString());

        search(SearchTestSupport.TINY, "default", searched, null, null);
        assertEquals(2, SearchLog.readFinals(searched).size(), "without the option nothing is trained again");
        SearchTestSupport.searchRescoring(SearchTestSupport.TINY, searched);
        List<FinalSeedRecord> all = SearchLog.readFinals(searched);
        assertEquals(4, all.size(), "each seed trained again, its new record after the old one");
        int best = first.get(0).bestTrial();
        List<FinalSeedRecord> read = SearchLog.finalsOf(searched, best);
        for (int i = 0; i < read.size(); i++) {
            assertEquals(first.get(i).testMistakes(), read.get(i).testMistakes(), "the same mistakes as a search that kept them");
            assertEquals(first.get(i).testError(), read.get(i).testError());
        }
        assertTrue(Files.readString(searched.resolve("REPORT.md")).contains("came out with the same test error"));
        SearchTestSupport.searchRescoring(SearchTestSupport.TINY, searched);
        assertEquals(4, SearchLog.readFinals(searched).size(), "seeds that have their mistakes are not trained again");
    }
}
