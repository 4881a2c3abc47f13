package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchDirs.range;
import static org.dropoutrepro.search.SearchDirs.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.train.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge-of-range warning (Google's tuning playbook): a best value in the outer 10% of its range, in log space for
 * log scales; the importance plot; the pruning comparison only against the same search without pruning.
 */
class SearchReportTest {

    private static final String RATE = "optimizer.learningRate";
    private static final String RETAIN = "dropout.hiddenRetain";

    @TempDir
    Path dir;

    private static Map<String, Map<String, Object>> space() {
        Map<String, Map<String, Object>> space = new LinkedHashMap<>();
        space.put("dropout.hiddenRetain", Map.of("scale", "linear", "min", 0.2, "max", 1.0));
        space.put("optimizer.learningRate", Map.of("scale", "log", "min", 0.01, "max", 100.0));
        space.put("regularization.maxNorm", Map.of("scale", "discrete", "values", java.util.Arrays.asList(null, 2.0, 3.0, 4.0)));
        return space;
    }

    private static TrialRecord best(double retain, double rate, Double maxNorm) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("dropout.hiddenRetain", retain);
        values.put("optimizer.learningRate", rate);
        values.put("regularization.maxNorm", maxNorm);
        return new TrialRecord(1, TrialRecord.COMPLETED, values, 0.1, List.of(), 1, 0, null, new double[0], null);
    }

    @Test
    void aPrunedTrialsNoteShowsItsErrorsInPercentAsTheTableDoes() {
        assertEquals("pruned after epoch 10: best validation error 25.76% above the median 14.63% of 6 earlier trials",
                SearchReport.inPercent("pruned after epoch 10: best validation error 0.2576 above the median 0.1463 of 6 earlier trials"));
        assertEquals("loss became NaN at epoch 3", SearchReport.inPercent("loss became NaN at epoch 3"), "other notes are left as they are");
    }

    @Test
    void warnsOnlyForValuesInTheOuterTenthOfTheirRange() {
        assertTrue(SearchReport.edgeWarnings(best(0.5, 1.0, 3.0), space()).isEmpty());
        List<String> low = SearchReport.edgeWarnings(best(0.27, 1.0, 3.0), space());
        assertEquals(1, low.size());
        assertTrue(low.get(0).contains("`dropout.hiddenRetain` (0.27) lies in the outer 10%"), low.get(0));
        assertTrue(SearchReport.edgeWarnings(best(0.29, 1.0, 3.0), space()).isEmpty(), "0.29 is 11% into [0.2, 1]");
        // a retain probability cannot be widened past 1: the warning says the search prefers little dropout instead
        List<String> high = SearchReport.edgeWarnings(best(0.98, 1.0, 3.0), space());
        assertEquals(1, high.size());
        assertTrue(high.get(0).contains("at the end without dropout (a retain probability cannot exceed 1)")
                && !high.get(0).contains("widen the range"), high.get(0));
        // log scale: 50 is log10 position (1.7 + 2) / 4 = 0.92 -> edge; 20 is 0.83 -> not, though linearly 20% of the way
        assertEquals(1, SearchReport.edgeWarnings(best(0.5, 50.0, 3.0), space()).size());
        assertTrue(SearchReport.edgeWarnings(best(0.5, 20.0, 3.0), space()).isEmpty());
        List<String> listed = SearchReport.edgeWarnings(best(0.5, 1.0, 4.0), space());
        assertEquals(1, listed.size());
        assertTrue(listed.get(0).contains("largest value listed"), listed.get(0));
    }

    private static List<TrialRecord> trials(int count) {
        List<TrialRecord> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(trial(i, i % 3 == 0 ? TrialRecord.PRUNED : TrialRecord.COMPLETED, 0.05 + 0.01 * ((i * 7) % 10), i % 3 == 0 ? 2 : 4,
                    RETAIN, 0.3 + 0.05 * i, RATE, 0.01 * i));
        }
        return out;
    }

    private static SearchSpec spec(SearchSpec.Pruning pruning, int finalSeeds) {
        return SearchDirs.spec(9, finalSeeds, pruning, null, range(RETAIN, 0.3, 1.0, false), range(RATE, 0.01, 1, true));
    }

    private static final SearchSpec.Pruning MEDIAN = new SearchSpec.Pruning(true, 2, 2);

    @Test
    void drawsTheParameterImportanceAndLinksIt() throws Exception {
        Path search = SearchDirs.write(dir.resolve("s"), SearchDirs.identity("s", SearchDirs.base("training.epochs", 4), spec(MEDIAN, 0)),
                trials(9), List.of());
        String report = Files.readString(SearchReport.write(search));
        Path chart = search.resolve(SearchReport.IMPORTANCE_PLOT);
        assertTrue(Files.exists(chart), "importance.svg is written from 6 completed trials");
        String svg = Files.readString(chart);
        assertTrue(svg.startsWith("<svg") || svg.contains("<svg"), "an SVG file");
        assertTrue(svg.contains(RETAIN) && svg.contains(RATE), "a bar per searched key");
        assertTrue(report.contains("![importance.svg](importance.svg)"), report);

        Path few = SearchDirs.write(dir.resolve("few"), SearchDirs.identity("few", SearchDirs.base("training.epochs", 4), spec(MEDIAN, 0)),
                trials(3), List.of());
        assertFalse(Files.readString(SearchReport.write(few)).contains("importance.svg"));
        assertFalse(Files.exists(few.resolve(SearchReport.IMPORTANCE_PLOT)));
    }

    @Test
    void comparesPruningOnlyWithTheSameSearchWithoutIt() throws Exception {
        Map<String, Object> base = SearchDirs.base("training.epochs", 4);
        Path pruned = SearchDirs.write(dir.resolve("p"), SearchDirs.identity("p", base, spec(MEDIAN, 2)), trials(9), List.of());
        // the same search with --no-pruning --final-seeds 0: every trial trained to the end
        List<TrialRecord> unprunedTrials = trials(9).stream().map(t -> trial(t.trial(), TrialRecord.COMPLETED, t.validationError(), 4,
                RETAIN, t.values().get(RETAIN), RATE, t.values().get(RATE))).toList();
        SearchDirs.write(dir.resolve("p-nopruning"), SearchDirs.identity("p", base, spec(SearchSpec.Pruning.NONE, 0)), unprunedTrials, List.of());
        String report = Files.readString(SearchReport.write(pruned));
        assertTrue(report.contains("Measured against the same search without pruning"), report);
        // pruned trials 3, 6 and 9 end at 6%, 7% and 8% when trained to the end, below this search's best (trial 2, 9%)
        assertTrue(report.contains("Pruning stopped 3 trials that ended within noise of this search's best, or below it, when trained to "
                + "the end: trial 3 (6.00%), trial 6 (7.00%), trial 9 (8.00%) (validation errors without pruning)."), report);
        assertTrue(PruningComparison.isComparisonOf(dir.resolve("p-nopruning")), "p-nopruning is p's reference, its rows are p's");
        assertFalse(PruningComparison.isComparisonOf(dir.resolve("p")));
        assertTrue(Files.readString(SearchReport.write(dir.resolve("p-nopruning")))
                .startsWith("# Search: p without pruning (the measure of what pruning saved in `p`)\n"), "its title says what it is");
        assertTrue(report.startsWith("# Search: p\n"), report);

        Path other = SearchDirs.write(dir.resolve("q"), SearchDirs.identity("q", base, spec(MEDIAN, 2)), trials(9), List.of());
        SearchDirs.write(dir.resolve("q-nopruning"), SearchDirs.identity("q", SearchDirs.base("training.epochs", 8), spec(SearchSpec.Pruning.NONE, 2)),
                unprunedTrials, List.of());
        String refused = Files.readString(SearchReport.write(other));
        assertFalse(refused.contains("Measured against the same search without pruning"), refused);
        assertTrue(refused.contains("q-nopruning` holds a different search, not this one without pruning (it differs in base "
                + "configuration (training.epochs))"), refused);
        assertTrue(refused.contains("`--no-pruning` measures it"), "the savings stay unmeasured: " + refused);
        assertFalse(PruningComparison.isComparisonOf(dir.resolve("q-nopruning")), "another search, with findings of its own");
    }

    /** {@code trials} as a genetic search records them: trial i's candidate is the flat parameters {i / 100 + shift}. */
    private static List<TrialRecord> withGenes(List<TrialRecord> trials, int differentFrom) {
        return trials.stream().map(t -> new TrialRecord(t.trial(), t.status(), t.values(), t.validationError(), t.epochs(), t.seed(),
                t.seconds(), t.reason(), new double[] {t.trial() / 100.0 + (t.trial() >= differentFrom ? 0.5 : 0)}, null)).toList();
    }

    @Test
    void aGeneticSearchWithoutPruningIsNotCalledTheSameCandidates() throws Exception {
        Map<String, Object> base = SearchDirs.base("training.epochs", 4);
        SearchSpec.Dimension[] space = {range(RETAIN, 0.3, 1.0, false), range(RATE, 0.01, 1, true)};
        SearchSpec pruned = new SearchSpec(SearchSpec.Method.GENETIC, 9, 1, 1, null, List.of(space), MEDIAN, 0, 5, false, 6, null);
        SearchSpec unprunedSpec = new SearchSpec(SearchSpec.Method.GENETIC, 9, 1, 1, null, List.of(space), SearchSpec.Pruning.NONE, 0, 5,
                false, 6, null);
        Path search = SearchDirs.write(dir.resolve("g"), SearchDirs.identity("g", base, pruned), withGenes(trials(9), Integer.MAX_VALUE),
                List.of());
        // without pruning, trial 3's full-length result reached the generator instead of its error when pruned: trials 5 on differ
        List<TrialRecord> unprunedTrials = withGenes(trials(9).stream().map(t -> trial(t.trial(), TrialRecord.COMPLETED,
                t.validationError(), 4, RETAIN, t.values().get(RETAIN), RATE, t.values().get(RATE))).toList(), 5);
        SearchDirs.write(dir.resolve("g-nopruning"), SearchDirs.identity("g", base, unprunedSpec), unprunedTrials, List.of());
        String report = Files.readString(SearchReport.write(search));
        assertTrue(report.contains("Measured against the same search without pruning"), report);
        assertFalse(report.contains("so the same candidates"), report);
        assertTrue(report.contains("**not the same candidates**: a genetic search proposes each candidate from the results reported to it")
                && report.contains("(here from trial 5 on)"), report);
        assertTrue(report.contains("`--no-pruning` measures it"), "what a pruned trial would have reached stays unknown: " + report);
    }

    @Test
    void whatPruningSavedCountsEachPrunedTrialsOwnEpochs() throws Exception {
        String epochs = "training.epochs";
        SearchSpec.Dimension searchedEpochs = new SearchSpec.Dimension(epochs, SearchSpec.Scale.INTEGER, 2.0, 8.0, List.of(), "test");
        SearchSpec spec = SearchDirs.spec(3, 0, MEDIAN, null, range(RETAIN, 0.3, 1.0, false), searchedEpochs);
        // trial 2 asked for 8 epochs and was pruned after 2; the completed trials asked for 4
        List<TrialRecord> trials = List.of(trial(1, TrialRecord.COMPLETED, 0.10, 4, RETAIN, 0.5, epochs, 4),
                trial(2, TrialRecord.PRUNED, 0.30, 2, RETAIN, 0.6, epochs, 8), trial(3, TrialRecord.COMPLETED, 0.12, 4, RETAIN, 0.7, epochs, 4));
        Path searched = SearchDirs.write(dir.resolve("epochs"), SearchDirs.identity("epochs", SearchDirs.base(epochs, 4), spec), trials,
                List.of());
        assertTrue(Files.readString(SearchReport.write(searched)).contains("Epochs trained: 10; the same trials without pruning would "
                + "have trained 16 (38% saved)."), "4 + 8 + 4 epochs, not three times the longest completed trial's 4");

        // no trial completed: the base configuration's epochs, not 0
        List<TrialRecord> allPruned = List.of(trial(1, TrialRecord.PRUNED, 0.3, 2, RETAIN, 0.5), trial(2, TrialRecord.PRUNED, 0.4, 1, RETAIN, 0.6));
        Path none = SearchDirs.write(dir.resolve("none"), SearchDirs.identity("none", SearchDirs.base(epochs, 4),
                SearchDirs.spec(2, 0, MEDIAN, null, range(RETAIN, 0.3, 1.0, false))), allPruned, List.of());
        assertTrue(Files.readString(SearchReport.write(none)).contains("Epochs trained: 3; the same trials without pruning would have "
                + "trained 8 (63% saved)."), Files.readString(none.resolve("REPORT.md")));
    }

    @Test
    void finalSeedStatisticsSayHowManySeedsTheyCoverAndWhatTheIntervalIs() throws Exception {
        Map<String, Object> base = SearchDirs.base("training.epochs", 4);
        List<TrialRecord> trials = trials(9);
        int bestTrial = SearchRunner.best(trials).trial();
        List<FinalSeedRecord> finals = new ArrayList<>(SearchDirs.finals(bestTrial, 3));
        finals.add(new FinalSeedRecord(bestTrial, 5, TrialRecord.DIVERGED, null, null, List.of(), 1, "loss became NaN", null));
        Path search = SearchDirs.write(dir.resolve("seeds"), SearchDirs.identity("seeds", base, spec(MEDIAN, 4)), trials, finals);
        String report = Files.readString(SearchReport.write(search));
        assertTrue(report.contains("| | n | mean | sd (points) | 95% interval of the mean over seeds (t) |"), report);
        assertTrue(report.matches("(?s).*\\| validation error, best trial \\(the search's estimate\\) \\| 1 \\| \\d+\\.\\d\\d% \\|.*"),
                "errors in percent, as the experiments' reports give them: " + report);
        assertTrue(report.contains("| test error, 3 of 4 final seeds (the others diverged or failed) | 3 | "), report);
        assertTrue(report.contains("training randomness") && report.contains("not the test set's sampling noise"), report);
        assertTrue(report.contains("is an estimate of the selection bias") && report.contains("(standard error about 0.00 points, from the "
                + "seeds' spread: one seed for the best trial, the mean of 3 for the final seeds)"), report);
        assertFalse(report.contains("is the selection bias"), report);

        SearchLog.Identity plain = SearchDirs.identity("all", base, spec(MEDIAN, 4));
        SearchLog.Identity sized = new SearchLog.Identity(plain.name(), plain.specFile(), plain.profile(), plain.base(), plain.search(),
                plain.dataFiles(), "mnist-10k: used: 5000 training, 1000 validation, 2000 test", plain.command(), plain.baseline(),
                plain.provenance(), plain.resumptions()).withClasses(10);
        String all = Files.readString(SearchReport.write(SearchDirs.write(dir.resolve("all"), sized, trials, SearchDirs.finals(bestTrial, 4))));
        assertTrue(all.contains("| test error, final seeds | 4 | "), all);
        // the test set's own noise: sqrt(0.1 x 0.9 / 2,000) = 0.67 points
        assertTrue(all.contains("which is a binomial standard error of 0.67 points on its 2,000 examples"), all);
        assertTrue(all.contains("The final seeds train on the trials' 5,000 training examples; Appendix B.1 retrained on training and "
                + "validation together"), all);
    }

    @Test
    void marksASearchInProgressInItsReportAndInTheIndex() throws Exception {
        Map<String, Object> base = SearchDirs.base("training.epochs", 4);
        Path folder = dir.resolve("reports");
        Path partial = SearchDirs.write(folder.resolve("partial"), SearchDirs.identity("partial", base, spec(MEDIAN, 2)), trials(5), List.of());
        assertEquals("5 of 9 trials and 0 of 2 final seeds are recorded.", SearchReport.progressNote(partial));
        String partialPage = Files.readString(SearchReport.write(partial));
        assertTrue(partialPage.contains("> **In progress:** 5 of 9 trials and 0 of 2 final seeds"), partialPage);
        assertTrue(partialPage.contains("Everything below is provisional: the best trial"), partialPage);
        assertTrue(partialPage.contains("| `dropout.hiddenRetain` = 0.4000 | provisional: outside (P inside = 0.01) |"),
                "an Appendix A point of a search in progress is marked so in its cell: " + partialPage);
        assertFalse(Files.readString(SearchReport.write(SearchDirs.write(folder.resolve("done"), SearchDirs.identity("done", base,
                spec(MEDIAN, 0)), trials(9), List.of()))).contains("provisional:"), "a finished search's cells are not");

        Path seeding = SearchDirs.write(folder.resolve("seeding"), SearchDirs.identity("seeding", base, spec(MEDIAN, 2)), trials(9), List.of());
        int bestTrial = SearchRunner.best(trials(9)).trial();
        appendFinal(seeding, bestTrial, 2);
        assertEquals("all 9 trials and 1 of 2 final seeds are recorded.", SearchReport.progressNote(seeding));
        String seedingPage = Files.readString(SearchReport.write(seeding));
        assertTrue(seedingPage.contains("The trials are complete, so the best trial and its values are final; the final seeds' numbers")
                && !seedingPage.contains("Everything below is provisional"), "only the final seeds can still change: " + seedingPage);
        // a final seed of a trial that is no longer the best does not count
        appendFinal(seeding, bestTrial == 1 ? 2 : 1, 3);
        assertEquals("all 9 trials and 1 of 2 final seeds are recorded.", SearchReport.progressNote(seeding));
        appendFinal(seeding, bestTrial, 3);
        assertEquals(null, SearchReport.progressNote(seeding));
        assertFalse(Files.readString(SearchReport.write(seeding)).contains("In progress"));

        Path standard = SearchDirs.write(folder.resolve("standard"), SearchDirs.identity("standard",
                SearchDirs.base("training.epochs", 4, "dropout.kind", "none"), spec(MEDIAN, 2)), trials(5), List.of());
        SearchReport.write(standard);
        String index = Files.readString(org.dropoutrepro.report.Scoreboard.write(folder, SearchReport.SCOREBOARD));
        // a dropout search's Appendix A points are rows of the board; one in progress decides nothing
        assertTrue(index.contains("| A good hidden retain probability lies in 0.5-0.8 (A.4) | 0.5-0.8 | best trial 0.4000; 1 trial within noise of the best: 0.4000 (0 of 1 inside) | "), index);
        assertTrue(index.contains("**not decided**: the search is in progress (5 of 9 trials and 0 of 2 final seeds are recorded) | "
                + "[partial](partial/REPORT.md) |"), index);
        // trial 2 (retain 0.4, error 0.09) is the finished search's best: outside the guide's range; the trials inside it, 5 (retain 0.55,
        // error 0.10) the closest, are 1.7 standard errors of the difference or more behind on 10,000 examples
        assertTrue(index.contains("**outside** (P = 0.01 that the truly best trial is inside; one search, not a test) | "
                + "[seeding](seeding/REPORT.md) |"), index);
        // a standard net's search checks no Appendix A point: listed with the reports without claims, marked in progress
        assertTrue(index.contains("[standard](standard/REPORT.md) (in progress: 5 of 9 trials and 0 of 2 final seeds are recorded)"), index);
    }

    private static void appendFinal(Path search, int bestTrial, int seed) throws Exception {
        org.dropoutrepro.results.JsonLines.append(search.resolve(SearchLog.FINALS),
                new FinalSeedRecord(bestTrial, seed, TrialRecord.COMPLETED, 0.1, 0.1, List.of(), 1, null, null));
    }

    @Test
    void aCompletedTrialStuckAtChanceIsFlaggedAndLeftOutOfParameterImportance() throws Exception {
        List<TrialRecord> trials = new ArrayList<>(trials(12)); // completed: 1, 2, 4, 5, 7, 8, 10, 11
        TrialRecord healthy = trials.get(1);
        List<EpochMetrics> atChance = new ArrayList<>();
        for (EpochMetrics e : healthy.epochs()) atChance.add(new EpochMetrics(e.epoch(), 2.3, 0.895, 0.91, e.seconds()));
        trials.set(1, new TrialRecord(2, TrialRecord.COMPLETED, healthy.values(), 0.91, atChance, 1, 4, null, new double[0], null));
        SearchSpec spec = SearchDirs.spec(12, 0, MEDIAN, null, range(RETAIN, 0.3, 1.0, false), range(RATE, 0.01, 1, true));
        SearchLog.Identity tenClasses = SearchDirs.identity("chance", SearchDirs.base("training.epochs", 4), spec).withClasses(10);
        String report = Files.readString(SearchReport.write(SearchDirs.write(dir.resolve("chance"), tenClasses, trials, List.of())));
        assertTrue(report.contains("- trial 2 completed but **did not learn**: stuck at chance, final training error 89.5% (chance 90.0%)"),
                report);
        assertTrue(report.contains("fitted to 7 completed trials' validation errors (1 completed trial that did not learn left out"), report);

        SearchLog.Identity unknown = SearchDirs.identity("unknown", SearchDirs.base("training.epochs", 4), spec).withClasses(null);
        String old = Files.readString(SearchReport.write(SearchDirs.write(dir.resolve("unknown"), unknown, trials, List.of())));
        assertFalse(old.contains("did not learn"), "a search recorded without its number of classes is not judged: " + old);
        assertTrue(old.contains("fitted to 8 completed trials' validation errors, normalised"), old);
    }
}
