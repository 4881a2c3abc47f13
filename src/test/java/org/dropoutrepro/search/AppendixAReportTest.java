package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchDirs.finals;
import static org.dropoutrepro.search.SearchDirs.range;
import static org.dropoutrepro.search.SearchDirs.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's Appendix A section: no dropout-net verdicts for a standard net, A.2's learning-rate ratio against a
 * checked companion search in the paper's momentum convention, and the caveats of one search.
 */
class AppendixAReportTest {

    private static final String RATE = "optimizer.learningRate";
    private static final String MOMENTUM = "optimizer.momentumFinal";
    private static final String RETAIN = "dropout.hiddenRetain";
    private static final SearchSpec.Pruning MEDIAN = new SearchSpec.Pruning(true, 2, 2);

    @TempDir
    Path dir;

    private int searches;

    /**
     * Validation examples of the hand-made searches: 200 by default, few enough that their trials 2-5 points apart are
     * within noise of the best; 10,000 leaves each search's best alone.
     */
    private int validation = 200;

    private Map<String, Object> dropoutBase() {
        return SearchDirs.base("dropout.kind", "bernoulli", "dropout.scaling", "test-time", "architecture.hiddenWidths", List.of(64, 64),
                "training.epochs", 5, "data.validationSize", validation);
    }

    private Map<String, Object> standardBase(int epochs) {
        return SearchDirs.base("dropout.kind", "none", "architecture.hiddenWidths", List.of(64, 64), "training.epochs", epochs,
                "data.validationSize", validation);
    }

    /** The standard net's search: its best (trial 1) at lr 0.01 and final momentum 0.97, of {@code planned} trials. */
    private Path companion(String name, int epochs, int planned, int recorded, int finalSeeds, int finalsRecorded, double rateMin)
            throws Exception {
        SearchSpec spec = SearchDirs.spec(planned, finalSeeds, MEDIAN, null, range(RATE, rateMin, 30, true), range(MOMENTUM, 0.9, 0.995, false));
        List<TrialRecord> trials = List.of(trial(1, TrialRecord.COMPLETED, 0.11, epochs, RATE, 0.01, MOMENTUM, 0.97),
                trial(2, TrialRecord.COMPLETED, 0.13, epochs, RATE, 0.02, MOMENTUM, 0.9),
                trial(3, TrialRecord.COMPLETED, 0.14, epochs, RATE, 0.005, MOMENTUM, 0.95));
        return SearchDirs.write(dir.resolve(name), SearchDirs.identity(name, standardBase(epochs), spec), trials.subList(0, recorded),
                finals(1, finalsRecorded));
    }

    /** The dropout net's search, naming {@code baseline}: its best (trial 1) at lr 2.0 and final momentum 0.99. */
    private String dropoutReport(String baseline) throws Exception {
        SearchSpec spec = SearchDirs.spec(4, 0, MEDIAN, baseline, range(RETAIN, 0.3, 1.0, false), range(RATE, 0.01, 30, true),
                range(MOMENTUM, 0.9, 0.995, false));
        List<TrialRecord> trials = List.of(trial(1, TrialRecord.COMPLETED, 0.10, 5, RETAIN, 0.6, RATE, 2.0, MOMENTUM, 0.99),
                trial(2, TrialRecord.COMPLETED, 0.12, 5, RETAIN, 0.7, RATE, 1.0, MOMENTUM, 0.95),
                trial(3, TrialRecord.COMPLETED, 0.15, 5, RETAIN, 0.9, RATE, 0.5, MOMENTUM, 0.9),
                trial(4, TrialRecord.PRUNED, 0.30, 2, RETAIN, 0.55, RATE, 0.1, MOMENTUM, 0.95));
        Path search = SearchDirs.write(dir.resolve("dropout-" + ++searches), SearchDirs.identity("dropout", dropoutBase(), spec), trials,
                List.of());
        return Files.readString(SearchReport.write(search));
    }

    @Test
    void aStandardNetGetsNoVerdictAgainstTheDropoutNetsRanges() throws Exception {
        String report = Files.readString(SearchReport.write(companion("standard", 5, 3, 3, 2, 2, 0.001)));
        assertTrue(report.contains("trains **without dropout**"), report);
        assertTrue(report.contains("A.2 calls 0.9 the usual momentum for standard nets"), report);
        assertTrue(report.contains("`optimizer.momentumFinal` = 0.9700 | no verdict (no dropout) |"), report);
        assertFalse(report.contains("| A.2: momentum 0.95-0.99 |"), "0.97 must not be judged against the dropout net's range: " + report);
        assertTrue(report.contains("| the 3 completed trials within noise of the best |"), report);
        assertTrue(report.contains("no verdict (no dropout) | 0.9000 to 0.9700 |"), "the spread, without a count against the dropout range: " + report);
    }

    /** Each of {@code errors}' chance of being the lowest in truth, with the binomial noise of {@code n} validation examples. */
    private static double[] chances(int n, double... errors) {
        double[] se = java.util.Arrays.stream(errors).map(e -> Math.sqrt(e * (1 - e) / n)).toArray();
        return BestProbability.of(errors, se);
    }

    /** The dropout search's trials 1 and 2 (retain 0.6 and 0.7, momentum 0.99 and 0.95) are inside; trial 3 (0.9, 0.9) is not. */
    private static String dropoutInside() {
        double[] ours = chances(200, 0.10, 0.12, 0.15);
        return String.format(java.util.Locale.ROOT, "%.2f", ours[0] + ours[1]);
    }

    /**
     * The ratio's P: paper-equivalent rates 0.02, 0.05, 0.05 here against 0.0003, 0.002, 0.00025 in the companion give
     * ratios 66.7, 10, 80 (inside) for the first; 166.7, 25, 200 for the others (only 25 inside).
     */
    private static String ratioInside() {
        double[] ours = chances(200, 0.10, 0.12, 0.15);
        double[] theirs = chances(200, 0.11, 0.13, 0.14);
        return String.format(java.util.Locale.ROOT, "%.2f", ours[0] * (theirs[0] + theirs[1] + theirs[2]) + (ours[1] + ours[2]) * theirs[1]);
    }

    @Test
    void theScoreboardListsTheAppendixAPointsAndTheRatioOnlyWithACheckedCompanion() throws Exception {
        Path folder = dir.resolve("board");
        Path standard = companion("board/standard", 5, 3, 3, 2, 2, 0.001);
        dropoutReport(standard.toString());
        Files.move(dir.resolve("dropout-" + searches), folder.resolve("dropout"));
        String index = Files.readString(org.dropoutrepro.report.Scoreboard.write(folder, SearchReport.SCOREBOARD));
        assertTrue(index.contains("## Appendix A\n\n| claim | paper | ours: from searches | data and scale | verdict | report |"),
                "the searches' rows under a header of their own: " + index);
        assertTrue(index.contains("| A dropout net's final momentum is best at 0.95-0.99 (A.2) | 0.95-0.99 | best trial 0.9900; 3 trials within noise of the best: "
                + "0.9000 to 0.9900 (2 of 3 inside) | mnist-10k, [64,64], 5 epochs, 4 trials | **inside** (P = " + dropoutInside()
                + " that the truly best trial is inside; one search, not a test) | [dropout](dropout/REPORT.md) |"), index);
        assertTrue(index.contains("| A dropout net wants a learning rate 10-100x the standard net's (A.2) | 10-100x | 66.7x (best vs best: "), index);
        assertTrue(index.contains("| **unresolved**: P = " + ratioInside() + " that the ratio of the truly best trials is in 10-100x; pairs "
                + "within noise of the two bests span 10.0-200.0x | [dropout](dropout/REPORT.md) |"), index);
        assertFalse(index.contains("| [standard](standard/REPORT.md) |"), "the standard net's search checks no point of the guide: " + index);

        Path unfinished = companion("elsewhere/standard", 5, 3, 2, 2, 0, 0.001); // 2 of 3 trials and no final seeds
        dropoutReport(unfinished.toString());
        Files.move(dir.resolve("dropout-" + searches), folder.resolve("dropout2"));
        index = Files.readString(org.dropoutrepro.report.Scoreboard.write(folder, SearchReport.SCOREBOARD));
        assertTrue(index.contains("**not decided**: the companion is unfinished: 2 of 3 trials; the companion's final seeds are missing: "
                + "0 of 2 recorded | [dropout2](dropout2/REPORT.md) |"), index);
    }

    @Test
    void theTableShowsHowTheBestCompletedTrialsSpreadOverEachRange() throws Exception {
        String report = dropoutReport(null);
        // completed: trial 1 (retain 0.6, momentum 0.99), 2 (0.7, 0.95), 3 (0.9, 0.9); the pruned trial 4 is not among them
        // P inside: the chance that trial 1 or 2 is the best in truth, on 200 validation examples: 0.96, above 0.95
        assertTrue(report.contains("| A.4: hidden retain 0.5-0.8 | `dropout.hiddenRetain` = 0.6000 | inside (P inside = "
                + dropoutInside() + ") | 0.6000 to 0.9000 (2 of 3 inside) |"), report);
        assertTrue(report.contains("| A.2: momentum 0.95-0.99 | `optimizer.momentumFinal` = 0.9900 | inside (P inside = "
                + dropoutInside() + ") | 0.9000 to 0.9900 (2 of 3 inside) |"), report);
    }

    @Test
    void onALargeValidationSplitTrialsTwoPointsBehindAreNotWithinNoiseOfTheBest() throws Exception {
        SearchSpec spec = SearchDirs.spec(3, 0, MEDIAN, null, range(RETAIN, 0.3, 1.0, false));
        List<TrialRecord> trials = List.of(trial(1, TrialRecord.COMPLETED, 0.10, 5, RETAIN, 0.6), trial(2, TrialRecord.COMPLETED, 0.12, 5,
                RETAIN, 0.7), trial(3, TrialRecord.COMPLETED, 0.15, 5, RETAIN, 0.9));
        Map<String, Object> base = new java.util.LinkedHashMap<>(dropoutBase());
        base.put("data.validationSize", 10000);
        // 0.12 - 0.10 = 0.02 against 1.96 x sqrt((0.1 x 0.9 + 0.12 x 0.88) / 10,000) = 0.0087
        String report = Files.readString(SearchReport.write(SearchDirs.write(dir.resolve("large"), SearchDirs.identity("large", base, spec),
                trials, List.of())));
        // trial 3 (outside) has no chance of being the best; trial 2 a little: P inside = 1 - P(trial 3) = 1.00
        assertTrue(report.contains("| A.4: hidden retain 0.5-0.8 | `dropout.hiddenRetain` = 0.6000 | inside (P inside = 1.00) | 0.6000 "
                + "(1 of 1 inside) |"), report);
        assertTrue(report.contains("| within noise of the best: only the best |"), report);
        assertTrue(report.contains("from the binomial noise of 10,000 validation examples on each side") && report.contains(
                "The spread over training seeds is left out until at least two final seeds are recorded") && report.contains(
                "The trials within noise: trial 1 (10.00%)."), report);
    }

    @Test
    void aBestTrialWithoutMaxNormIsNotJudgedAgainstTheRangeOfC() throws Exception {
        String maxNorm = "regularization.maxNorm";
        SearchSpec spec = SearchDirs.spec(3, 0, MEDIAN, null, range(RETAIN, 0.3, 1.0, false),
                new SearchSpec.Dimension(maxNorm, SearchSpec.Scale.DISCRETE, null, null, java.util.Arrays.asList(null, 3.0, 5.0), "test"));
        Map<String, Object> noBound = new java.util.LinkedHashMap<>();
        noBound.put(RETAIN, 0.6);
        noBound.put(maxNorm, null);
        TrialRecord best = trial(1, TrialRecord.COMPLETED, 0.10, 5, RETAIN, 0.6);
        best = new TrialRecord(1, TrialRecord.COMPLETED, noBound, best.validationError(), best.epochs(), 1, 5, null, new double[0], null);
        List<TrialRecord> trials = List.of(best, trial(2, TrialRecord.COMPLETED, 0.12, 5, RETAIN, 0.7, maxNorm, 3.0),
                trial(3, TrialRecord.COMPLETED, 0.15, 5, RETAIN, 0.9, maxNorm, 5.0));
        Path search = SearchDirs.write(dir.resolve("no-bound"), SearchDirs.identity("no-bound", dropoutBase(), spec), trials, List.of());
        String report = Files.readString(SearchReport.write(search));
        assertTrue(report.contains("| A.3: max-norm c typically 3-4 | `regularization.maxNorm` = none | does not apply (no max-norm) "
                + "| 2 with a value: 3.000 to 5.000 (1 of 2 inside); 1 with no max-norm |"), report);
        assertFalse(report.contains("outside (none)"), report);
    }

    @Test
    void theLearningRateRatioIsInThePapersConventionOverCheckedSearches() throws Exception {
        Path standard = companion("standard", 5, 3, 3, 2, 2, 0.001);
        String report = dropoutReport(standard.toString());
        // paper-equivalent rates lr (1 - m): 2.0 x 0.01 = 0.02 against 0.01 x 0.03 = 0.0003, 66.7x; as trained 2.0 / 0.01 = 200x
        assertTrue(report.contains("| 66.7x (best vs best: 0.02000 / 0.0003000; as trained 2.000 / 0.01000 = 200.0x) | **unresolved** "
                + "(P inside = " + ratioInside() + ") | 10.0-200.0x (pairs within noise of the two bests, paper-equivalent) |"), report);
        assertTrue(report.contains("3 of 3 trials finished, 2 of 2 final seeds; its best is trial 1"), report);
        // all 3 within noise of the best on 200 validation examples, each: ours 0.02, 0.05, 0.05 (as trained 2, 1, 0.5); theirs 0.0003, 0.002, 0.00025 (0.01, 0.02, 0.005)
        assertTrue(report.contains("the ratio ranges over 10.0-200.0x (paper-equivalent) and 25.0-400.0x (as trained). The probability that "
                + "the ratio of the two trials best in truth lies in 10-100x is " + ratioInside() + ": **unresolved**."), report);
        assertTrue(report.contains("The 10-100x verdict uses the ratio of these paper-equivalent rates"), report);
        assertFalse(report.contains("No verdict on A.2"), report);
        assertFalse(report.contains("Companion's warning"), report);
    }

    @Test
    void onALargeValidationSplitEachBestStandsAloneAndThePointsAreDecided() throws Exception {
        validation = 10_000;
        Path folder = dir.resolve("decided");
        Path standard = companion("decided/standard", 5, 3, 3, 2, 2, 0.001);
        String report = dropoutReport(standard.toString());
        // on 10,000 examples each search's best is all but certain: 0.10 against 0.12 is 4.6 standard errors apart
        assertTrue(report.contains("| A.4: hidden retain 0.5-0.8 | `dropout.hiddenRetain` = 0.6000 | inside (P inside = 1.00) "
                + "| 0.6000 (1 of 1 inside) |"), report);
        assertTrue(report.contains("| 66.7x (best vs best: 0.02000 / 0.0003000; as trained 2.000 / 0.01000 = 200.0x) | inside "
                + "(P inside = 1.00) |"), report);
        assertTrue(report.contains("the ratio ranges over 66.7-66.7x (paper-equivalent) and 200.0-200.0x (as trained). The probability "
                + "that the ratio of the two trials best in truth lies in 10-100x is 1.00: **inside**."), report);
        Files.move(dir.resolve("dropout-" + searches), folder.resolve("dropout"));
        String index = Files.readString(org.dropoutrepro.report.Scoreboard.write(folder, SearchReport.SCOREBOARD));
        assertTrue(index.contains("| **inside** (P = 1.00 that the truly best trial is inside; one search, not a test) | "
                + "[dropout](dropout/REPORT.md) |"), index);
        assertTrue(index.contains("| **inside** (P = 1.00 that the ratio of the truly best trials is in 10-100x; pairs within noise of the "
                + "two bests span 66.7-66.7x; not a test) | [dropout](dropout/REPORT.md) |"), index);
    }

    @Test
    void ratiosBelowOneKeepTwoSignificantDigits() {
        assertEquals("0.057", LearningRateRatio.times(0.0571));
        assertEquals("0.35", LearningRateRatio.times(0.3534));
        assertEquals("6.1", LearningRateRatio.times(6.12));
        assertEquals("0.057-66.7x", LearningRateRatio.shown(new double[] {0.0571, 66.66}));
    }

    @Test
    void aMissingCompanionIsNotFound() throws Exception {
        String missing = dir.resolve("no-such-search").toString();
        String report = dropoutReport(missing);
        assertTrue(report.contains("| not found: `" + missing + "` | no verdict |"), report);
        assertFalse(report.contains("has no best learning rate"), report);
    }

    @Test
    void theVerdictIsRefusedForAnIncomparableOrUnfinishedCompanion() throws Exception {
        String longer = dropoutReport(companion("longer", 10, 3, 3, 2, 2, 0.001).toString());
        assertTrue(longer.contains("**No verdict on A.2:** the base configurations differ in `training.epochs`"), longer);
        assertTrue(longer.contains("= 200.0x) | no verdict |"), longer);
        String unfinished = dropoutReport(companion("unfinished", 5, 3, 2, 2, 2, 0.001).toString());
        assertTrue(unfinished.contains("the companion is unfinished: 2 of 3 trials"), unfinished);
        String noFinals = dropoutReport(companion("no-finals", 5, 3, 3, 2, 1, 0.001).toString());
        assertTrue(noFinals.contains("the companion's final seeds are missing: 1 of 2 recorded"), noFinals);
        // a seed that failed twice is one seed still to train, not two recorded
        Path failing = companion("failing", 5, 3, 3, 2, 1, 0.001);
        for (int attempt = 0; attempt < 2; attempt++) {
            org.dropoutrepro.results.JsonLines.append(failing.resolve(SearchLog.FINALS), new FinalSeedRecord(1, 3, TrialRecord.FAILED,
                    null, null, List.of(), 0, "OutOfMemoryError: Java heap space", null));
        }
        String failed = dropoutReport(failing.toString());
        assertTrue(failed.contains("the companion's final seeds are missing: 1 of 2 recorded"), failed);
    }

    @Test
    void theCompanionsOwnEdgeWarningForTheLearningRateIsShown() throws Exception {
        String report = dropoutReport(companion("edge", 5, 3, 3, 2, 2, 0.008).toString());
        assertTrue(report.contains("> **Companion's warning:** the best `optimizer.learningRate` (0.01) lies in the outer 10%"), report);
    }

    @Test
    void theCaveatsSayEpochsPruningRangesAndWidth() throws Exception {
        String report = dropoutReport(dir.resolve("none").toString());
        assertTrue(report.contains("- Each trial trains 5 epochs (`training.epochs`)"), report);
        assertTrue(report.contains("- Median pruning started at epoch 2 (`search.pruning.startEpoch`)"), report);
        assertTrue(report.contains("- Trials with `dropout.hiddenRetain` in 0.5-0.8: 2 completed, 1 pruned."), report);
        assertTrue(report.contains("- Trials with `optimizer.momentumFinal` in 0.95-0.99: 2 completed, 1 pruned."), report);
        assertTrue(report.contains("- The width is fixed at [64, 64]: A.1's n/p widening (`architecture.widenByRetain`) is not searched"),
                report);
        String tooShort = Files.readString(SearchReport.write(companion("two-epochs", 2, 3, 3, 2, 2, 0.001)));
        assertTrue(tooShort.contains("- Median pruning was set to start at epoch 2, not before the trials' last epoch (2): it stopped no trial."),
                "pruning that starts at the last epoch cannot have cut a slow starter: " + tooShort);
    }

    @Test
    void aTrialStuckAtChanceInsideARangeIsCountedApartFromTheCompletedOnes() throws Exception {
        SearchSpec spec = SearchDirs.spec(3, 0, MEDIAN, null, range(RETAIN, 0.3, 1.0, false));
        TrialRecord healthy = trial(3, TrialRecord.COMPLETED, 0.90, 5, RETAIN, 0.7);
        List<org.dropoutrepro.train.EpochMetrics> atChance = healthy.epochs().stream()
                .map(e -> new org.dropoutrepro.train.EpochMetrics(e.epoch(), 2.3, 0.9, e.validationError(), e.seconds())).toList();
        List<TrialRecord> trials = List.of(trial(1, TrialRecord.COMPLETED, 0.10, 5, RETAIN, 0.6),
                trial(2, TrialRecord.PRUNED, 0.30, 2, RETAIN, 0.55),
                new TrialRecord(3, TrialRecord.COMPLETED, healthy.values(), 0.90, atChance, 1, 5, null, new double[0], null));
        SearchLog.Identity identity = SearchDirs.identity("chance", dropoutBase(), spec).withClasses(10);
        String report = Files.readString(SearchReport.write(SearchDirs.write(dir.resolve("chance"), identity, trials, List.of())));
        assertTrue(report.contains("- Trials with `dropout.hiddenRetain` in 0.5-0.8: 1 completed, 1 pruned, 1 completed but did not learn."),
                report);
    }

    /** A final seed of {@code bestTrial} that misclassified test examples 0 to {@code wrong} - 1 of 2,000 (or no record of which). */
    private static FinalSeedRecord finalSeed(int bestTrial, int seed, int wrong, boolean recordMistakes) {
        java.util.BitSet bits = new java.util.BitSet();
        bits.set(0, wrong);
        return new FinalSeedRecord(bestTrial, seed, "completed", wrong / 2000.0, 0.1, List.of(), 1, null, null,
                recordMistakes ? org.dropoutrepro.train.TestMistakes.of(bits, 2000) : null);
    }

    /** A search directory like SearchDirs.write's, with a data note that states the splits' sizes. */
    private Path searchWithSizes(String name, Map<String, Object> base, SearchSpec spec, List<TrialRecord> trials,
                                 List<FinalSeedRecord> finals) throws Exception {
        SearchLog.Identity plain = SearchDirs.identity(name, base, spec);
        SearchLog.Identity identity = new SearchLog.Identity(plain.name(), plain.specFile(), plain.profile(), plain.base(), plain.search(),
                plain.dataFiles(), "mnist-10k: used: 5000 training, 1000 validation, 2000 test", plain.command(), plain.baseline(),
                plain.provenance(), plain.resumptions()).withClasses(10);
        return SearchDirs.write(dir.resolve(name), identity, trials, finals);
    }

    @Test
    void theTwoSearchesFinalSeedsCheckTable2WithBothNetsTunedOnValidation() throws Exception {
        SearchSpec standardSpec = SearchDirs.spec(2, 3, MEDIAN, null, range(RATE, 0.001, 30, true), range(MOMENTUM, 0.9, 0.995, false));
        List<TrialRecord> standardTrials = List.of(trial(1, TrialRecord.COMPLETED, 0.11, 5, RATE, 0.01, MOMENTUM, 0.97),
                trial(2, TrialRecord.COMPLETED, 0.13, 5, RATE, 0.02, MOMENTUM, 0.9));
        // the standard net's seeds err on 240-244 of 2,000 test examples, the dropout net's on 200-204 of the same ones
        Path standard = searchWithSizes("tuned-standard", standardBase(5), standardSpec, standardTrials,
                List.of(finalSeed(1, 2, 240, true), finalSeed(1, 3, 242, true), finalSeed(1, 4, 244, true)));
        SearchSpec dropoutSpec = SearchDirs.spec(2, 3, MEDIAN, standard.toString(), range(RETAIN, 0.3, 1.0, false), range(RATE, 0.01, 30, true),
                range(MOMENTUM, 0.9, 0.995, false));
        List<TrialRecord> dropoutTrials = List.of(trial(1, TrialRecord.COMPLETED, 0.10, 5, RETAIN, 0.6, RATE, 2.0, MOMENTUM, 0.99),
                trial(2, TrialRecord.COMPLETED, 0.12, 5, RETAIN, 0.7, RATE, 1.0, MOMENTUM, 0.95));
        String paired = Files.readString(SearchReport.write(searchWithSizes("tuned-dropout", dropoutBase(), dropoutSpec, dropoutTrials,
                List.of(finalSeed(1, 2, 200, true), finalSeed(1, 3, 202, true), finalSeed(1, 4, 204, true)))));
        assertTrue(paired.contains("## Against the standard net, each tuned by its own search"), paired);
        assertTrue(paired.contains("| with dropout (this search's best) | 3 | 10.10% |"), paired);
        assertTrue(paired.contains("| standard (the companion's best) | 3 | 12.10% |"), paired);
        // every example the dropout net gets wrong the standard one does too: the paired difference is 40 examples of 2,000
        double[] standardRates = new double[2000];
        double[] dropoutRates = new double[2000];
        for (int[] seeds : new int[][] {{240, 200}, {242, 202}, {244, 204}}) {
            for (int i = 0; i < seeds[0]; i++) standardRates[i] += 1 / 3.0;
            for (int i = 0; i < seeds[1]; i++) dropoutRates[i] += 1 / 3.0;
        }
        String se = String.format(java.util.Locale.ROOT, "%.2f", pairedPoints(standardRates, dropoutRates));
        assertTrue(paired.contains("Standard minus dropout: 2.00 points") && paired.contains("test-set standard error of the difference " + se
                + " points (paired over the same test examples). Verdict: **holds**."), paired);

        String index = Files.readString(org.dropoutrepro.report.Scoreboard.write(dir, SearchReport.SCOREBOARD));
        assertTrue(index.contains("| " + TunedComparison.CLAIM + " | not compared (no value for the search's data) | 10.10% vs 12.10%: 2.00 points ["),
                index);
        assertTrue(index.indexOf("## Table 2") < index.indexOf(TunedComparison.CLAIM), "filed under Table 2: " + index);

        // without the records of which examples: the unpaired binomial bound, from the 2,000 test examples the data note states
        Path unpairedStandard = searchWithSizes("old-standard", standardBase(5), standardSpec, standardTrials,
                List.of(finalSeed(1, 2, 240, false), finalSeed(1, 3, 242, false), finalSeed(1, 4, 244, false)));
        SearchSpec unpairedSpec = SearchDirs.spec(2, 3, MEDIAN, unpairedStandard.toString(), range(RETAIN, 0.3, 1.0, false),
                range(RATE, 0.01, 30, true), range(MOMENTUM, 0.9, 0.995, false));
        String unpaired = Files.readString(SearchReport.write(searchWithSizes("old-dropout", dropoutBase(), unpairedSpec, dropoutTrials,
                List.of(finalSeed(1, 2, 200, true), finalSeed(1, 3, 202, true), finalSeed(1, 4, 204, true)))));
        double unpairedSe = Math.hypot(Math.sqrt(0.101 * 0.899 / 2000), Math.sqrt(0.121 * 0.879 / 2000)) * 100;
        assertTrue(unpaired.contains(String.format(java.util.Locale.ROOT, "test-set standard error of the difference %.2f points (unpaired",
                unpairedSe)) && unpaired.contains("Verdict: **holds**."), "2.00 points is beyond 1.96 x 1.00: " + unpaired);

        // a companion still missing final seeds decides nothing
        Path unfinished = searchWithSizes("early-standard", standardBase(5), standardSpec, standardTrials, List.of(finalSeed(1, 2, 240, true)));
        SearchSpec earlySpec = SearchDirs.spec(2, 3, MEDIAN, unfinished.toString(), range(RETAIN, 0.3, 1.0, false),
                range(RATE, 0.01, 30, true), range(MOMENTUM, 0.9, 0.995, false));
        String early = Files.readString(SearchReport.write(searchWithSizes("early-dropout", dropoutBase(), earlySpec, dropoutTrials,
                List.of(finalSeed(1, 2, 200, true), finalSeed(1, 3, 202, true), finalSeed(1, 4, 204, true)))));
        assertTrue(early.contains("not decided: 1 of 3 final seeds of the companion are recorded."), early);

        // a diverged final seed of the dropout net is a failure of the side claimed better
        FinalSeedRecord diverged = new FinalSeedRecord(1, 4, TrialRecord.DIVERGED, null, null, List.of(), 1, "loss became NaN", null);
        String failed = Files.readString(SearchReport.write(searchWithSizes("diverged-dropout", dropoutBase(), dropoutSpec, dropoutTrials,
                List.of(finalSeed(1, 2, 200, true), finalSeed(1, 3, 202, true), diverged))));
        assertTrue(failed.contains("with both nets tuned by their own search: **fails**: 1 of 3 final seeds of the dropout net diverged"),
                failed);
    }

    /** A final seed of {@code bestTrial} with 10 epochs of validation error falling linearly to {@code last} by {@code fall} per epoch. */
    private static FinalSeedRecord seedWithCurve(int bestTrial, int seed, int wrong, double last, double fall, double trainError) {
        List<org.dropoutrepro.train.EpochMetrics> epochs = new java.util.ArrayList<>();
        for (int e = 1; e <= 10; e++) epochs.add(new org.dropoutrepro.train.EpochMetrics(e, 0.3, trainError, last + fall * (10 - e), 1));
        java.util.BitSet bits = new java.util.BitSet();
        bits.set(0, wrong);
        return new FinalSeedRecord(bestTrial, seed, "completed", wrong / 2000.0, last, epochs, 1, null, null,
                org.dropoutrepro.train.TestMistakes.of(bits, 2000));
    }

    @Test
    void theTunedComparisonNamesDropoutWithMaxNormAndASideStillImproving() throws Exception {
        SearchSpec standardSpec = SearchDirs.spec(2, 3, MEDIAN, null, range(RATE, 0.001, 30, true), range(MOMENTUM, 0.9, 0.995, false));
        List<TrialRecord> standardTrials = List.of(trial(1, TrialRecord.COMPLETED, 0.11, 5, RATE, 0.01, MOMENTUM, 0.97),
                trial(2, TrialRecord.COMPLETED, 0.13, 5, RATE, 0.02, MOMENTUM, 0.9));
        Path standard = searchWithSizes("length-standard", standardBase(5), standardSpec, standardTrials, List.of(
                seedWithCurve(1, 2, 240, 0.12, 0, 0.02), seedWithCurve(1, 3, 242, 0.12, 0, 0.02), seedWithCurve(1, 4, 244, 0.12, 0, 0.02)));
        String maxNorm = "regularization.maxNorm";
        SearchSpec dropoutSpec = SearchDirs.spec(2, 3, MEDIAN, standard.toString(), range(RETAIN, 0.3, 1.0, false), range(RATE, 0.01, 30, true),
                range(maxNorm, 1, 10, true));
        List<TrialRecord> dropoutTrials = List.of(trial(1, TrialRecord.COMPLETED, 0.10, 5, RETAIN, 0.95, RATE, 2.0, maxNorm, 2.5),
                trial(2, TrialRecord.COMPLETED, 0.12, 5, RETAIN, 0.7, RATE, 1.0, maxNorm, 3.0));
        // the dropout seeds' validation error falls 1 point per epoch to the last: still improving
        String report = Files.readString(SearchReport.write(searchWithSizes("length-dropout", dropoutBase(), dropoutSpec, dropoutTrials,
                List.of(seedWithCurve(1, 2, 200, 0.10, 0.01, 0.05), seedWithCurve(1, 3, 202, 0.10, 0.01, 0.05),
                        seedWithCurve(1, 4, 204, 0.10, 0.01, 0.05)))));
        assertTrue(report.contains("Table 2's claim that dropout + max-norm lowers the test error of a standard network, with both nets' "
                + "hyperparameters chosen on the validation split"), report);
        assertTrue(report.contains("The dropout side keeps hidden units with probability 0.95 and inputs with 0.80, with max-norm c = 2.50; "
                + "the standard side has no max-norm. So this compares dropout with max-norm against neither: Table 2's \"dropout + max-norm\" "
                + "row. Its hidden layers drop little (retain 0.95): a difference comes mostly from input dropout and max-norm."), report);
        assertTrue(report.contains("Verdict: **holds**; 'with dropout' still improving at epoch 10, its last (validation error "), report);
        assertTrue(report.contains("Training length (each side's mean validation curve over its final seeds, read as in the experiments' "
                + "reports): with dropout still improving at epoch 10, its last") && report.contains("; standard no clear trend at epoch 10, "
                + "its last."), report);
        String index = Files.readString(org.dropoutrepro.report.Scoreboard.write(dir, SearchReport.SCOREBOARD));
        assertTrue(index.contains("| " + TunedComparison.CLAIM_MAX_NORM + " | not compared"), index);

        // a dropout seed stuck at chance is a failure of the side claimed better, as a diverged one is
        FinalSeedRecord stuck = seedWithCurve(1, 4, 1800, 0.9, 0, 0.9);
        String failed = Files.readString(SearchReport.write(searchWithSizes("stuck-dropout", dropoutBase(), dropoutSpec, dropoutTrials,
                List.of(seedWithCurve(1, 2, 200, 0.10, 0.01, 0.05), seedWithCurve(1, 3, 202, 0.10, 0.01, 0.05), stuck))));
        assertTrue(failed.contains(": **fails**: 1 of 3 final seeds of the dropout net did not learn (stuck at chance): a failure of the side "
                + "claimed better."), failed);
    }

    private static double pairedPoints(double[] a, double[] b) {
        return org.dropoutrepro.report.Stats.pairedStandardError(a, b) * 100;
    }
}
