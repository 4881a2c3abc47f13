package org.dropoutrepro.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dropoutrepro.report.Scoreboard;
import org.dropoutrepro.report.Stats;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.train.TestMistakes;

/**
 * Table 2's first claim, "dropout lowers the test error of a standard network", with each network's hyperparameters
 * chosen by its own search on the validation split (Appendix B.1): this dropout search's final seeds against those of
 * its companion search without dropout ({@code search.baseline}), the only runs of either search that read the test
 * split. A fairer test of the claim than one learning rate per arm chosen by hand or by a short sweep.
 *
 * <p>Decided as the experiments' claims are: Welch's two-sided test at 5% over the final seeds (one comparison, so no
 * correction); qualified when the difference is inside 1.96 standard errors of seeds and test examples together ("on
 * this test set only" with the test-set standard error paired over the test examples, when both searches' final seeds
 * recorded which ones they got wrong; "test-set noise not ruled out" with the unpaired binomial bound); a diverged final
 * seed of the dropout net is a failure of the side claimed better, and a diverged or stuck-at-chance one of the standard
 * net leaves nothing to compare; no verdict while either search is unfinished or the two are not comparable (as
 * {@link LearningRateRatio} checks them).
 */
final class TunedComparison {

    static final String CLAIM = "Dropout lowers the test error of a standard network, each tuned by its own search";

    /** The comparison's cells and verdict ({@code why}: the reason there is none, else null), and its section of the report. */
    record Result(String ours, String verdict, String why, String scale, int trainExamples, List<String> section) {

        /** The scoreboard's row, under Table 2. */
        Scoreboard.Claim claim() {
            return new Scoreboard.Claim("Table 2", CLAIM, trainExamples, "not compared (no value for the search's data)", ours, scale,
                    why == null ? verdict : "**not decided**: " + why);
        }
    }

    private TunedComparison() {
    }

    /**
     * The comparison for a dropout search whose best trial is {@code best} and whose final seeds of it are {@code finals};
     * null when it names no companion or has no best trial (nothing to compare).
     */
    static Result of(SearchLog.Identity identity, RunConfig base, TrialRecord best, List<FinalSeedRecord> finals) {
        if (identity.baseline() == null || best == null || !AppendixA.withDropout(base.withOverrides(best.values(), "best"))) return null;
        Manifest.DataSizes sizes = Manifest.sizesIn(identity.dataNote(), identity.classes() == null ? 10 : identity.classes());
        String scale = base.data().dataset() + (sizes == null ? "" : String.format(Locale.ROOT, ", %,d train / %,d test", sizes.train(),
                sizes.test())) + ", " + String.valueOf(base.values().get("architecture.hiddenWidths")).replace(" ", "") + ", "
                + base.training().epochs() + " epochs";
        int trainExamples = sizes == null ? 0 : sizes.train();
        Path dir = Path.of(identity.baseline());
        String shown = "`" + identity.baseline() + "`";
        try {
            SearchLog.Identity companion = Files.isDirectory(dir) ? SearchLog.readIdentity(dir) : null;
            if (companion == null) return refused("the companion search " + shown + " was not found", scale, trainExamples);
            return compare(identity, finals, dir, shown, companion, sizes, scale, trainExamples);
        } catch (IOException | RuntimeException e) {
            return refused("the companion search " + shown + " could not be read: " + e.getMessage(), scale, trainExamples);
        }
    }

    private static Result compare(SearchLog.Identity identity, List<FinalSeedRecord> finals, Path dir, String shown,
                                  SearchLog.Identity companion, Manifest.DataSizes sizes, String scale, int trainExamples) throws IOException {
        List<TrialRecord> companionTrials = SearchLog.readTrials(dir);
        TrialRecord companionBest = SearchRunner.best(companionTrials);
        List<String> refusals = new ArrayList<>(LearningRateRatio.differences(identity, companion));
        RunConfig companionBase = RunConfig.defaults().withOverrides(companion.base(), shown);
        if (companionBest == null) {
            refusals.add("the companion has no completed trial");
        } else if (AppendixA.withDropout(companionBase.withOverrides(companionBest.values(), "companion best"))) {
            refusals.add("the companion's best trial uses dropout");
        }
        if (companionTrials.size() < companion.plannedTrials() && !companion.stoppedByTimeLimit()) {
            refusals.add("the companion is unfinished: " + companionTrials.size() + " of " + companion.plannedTrials() + " trials");
        }
        List<FinalSeedRecord> theirsAll = companionBest == null ? List.of() : SearchLog.finalsOf(dir, companionBest.trial());
        List<FinalSeedRecord> theirs = scored(theirsAll);
        List<FinalSeedRecord> ours = scored(finals);
        long ourDiverged = finals.stream().filter(f -> TrialRecord.DIVERGED.equals(f.status())).count();
        long theirDiverged = theirsAll.stream().filter(f -> TrialRecord.DIVERGED.equals(f.status())).count();
        long theirStuck = theirs.stream().filter(f -> SearchReport.stuckAtChance(f.epochs(), companion.classes())).count();
        if (theirDiverged > 0) refusals.add(theirDiverged + " final seeds of the companion diverged: nothing to compare");
        if (theirStuck > 0) {
            refusals.add(theirStuck + " final seeds of the companion did not learn: the difference would measure a training failure");
        }
        int asked = ((Number) identity.search().getOrDefault("finalSeeds", 0)).intValue();
        int theirsAsked = ((Number) companion.search().getOrDefault("finalSeeds", 0)).intValue();
        if (ours.size() + ourDiverged < Math.max(2, asked)) {
            refusals.add(ours.size() + ourDiverged + " of " + asked + " final seeds of this search are recorded");
        }
        if (theirs.size() + theirDiverged < Math.max(2, theirsAsked)) {
            refusals.add(theirs.size() + theirDiverged + " of " + theirsAsked + " final seeds of the companion are recorded");
        }
        if (!refusals.isEmpty()) return refused(String.join("; ", refusals), scale, trainExamples);
        if (ourDiverged > 0) {
            String why = ourDiverged + " of " + (ours.size() + ourDiverged) + " final seeds of the dropout net diverged: a failure of "
                    + "the side claimed better";
            return new Result("", "**fails**: " + why, null, scale, trainExamples, List.of(HEADING, "Table 2's claim that dropout lowers "
                    + "the test error, with both nets tuned by their own search: **fails**: " + why + ".\n"));
        }

        List<Double> dropoutTests = ours.stream().map(FinalSeedRecord::testError).toList();
        List<Double> standardTests = theirs.stream().map(FinalSeedRecord::testError).toList();
        Stats.Summary dropout = Stats.summarize(dropoutTests);
        Stats.Summary standard = Stats.summarize(standardTests);
        Stats.Difference difference = Stats.welch(standardTests, dropoutTests);
        double[] dropoutRates = mistakeRates(ours);
        double[] standardRates = mistakeRates(theirs);
        if (dropoutRates != null && standardRates != null && dropoutRates.length != standardRates.length) {
            return refused("the two searches' final seeds were scored on test sets of different sizes (" + dropoutRates.length + " and "
                    + standardRates.length + " examples)", scale, trainExamples);
        }
        boolean paired = dropoutRates != null && standardRates != null;
        double testSe = paired ? Stats.pairedStandardError(standardRates, dropoutRates) : sizes == null ? Double.NaN
                : Math.sqrt(Math.pow(Stats.binomialStandardError(dropout.mean(), sizes.test()), 2)
                + Math.pow(Stats.binomialStandardError(standard.mean(), sizes.test()), 2));
        String outcome = Double.isNaN(difference.low()) ? "not decided" : difference.low() > 0 ? "holds" : difference.high() < 0 ? "fails"
                : "unresolved";
        double combined = Math.sqrt(difference.standardError() * difference.standardError() + testSe * testSe);
        boolean qualified = (outcome.equals("holds") || outcome.equals("fails")) && Math.abs(difference.mean()) < 1.96 * combined;
        String verdict = "**" + outcome + (!qualified ? "" : paired ? " on this test set only" : "; test-set noise not ruled out") + "**"
                + (outcome.equals("fails") ? ": the opposite holds over seeds" : "");
        String testNoise = Double.isNaN(testSe) ? "not known (the data note states no test size)"
                : String.format(Locale.ROOT, "%.2f points (%s)", testSe * 100, paired ? "paired over the same test examples"
                : "unpaired: an upper bound; the final seeds did not all record their mistakes");
        String shownDifference = String.format(Locale.ROOT, "%.2f%% vs %.2f%%: %.2f points [%.2f, %.2f]", dropout.mean() * 100, standard.mean() * 100,
                difference.mean() * 100, difference.low() * 100, difference.high() * 100);
        String scaleWithSeeds = scale + ", " + ours.size() + " vs " + theirs.size() + " final seeds, " + identity.search().get("trials")
                + " and " + companion.search().get("trials") + " trials";

        List<String> section = new ArrayList<>();
        section.add(HEADING);
        section.add("Table 2's claim that dropout lowers the test error, with both nets' hyperparameters chosen on the validation split "
                + "(Appendix B.1): this search's best configuration and the best of its companion " + shown + ", each retrained with "
                + "its final seeds, the only runs of either search that read the test split.\n");
        section.add("| | final seeds | test error, mean | 95% interval of the mean over seeds |\n| --- | --- | --- | --- |");
        section.add(String.format(Locale.ROOT, "| with dropout (this search's best) | %d | %.2f%% | [%.2f%%, %.2f%%] |", dropout.n(),
                dropout.mean() * 100, dropout.low() * 100, dropout.high() * 100));
        section.add(String.format(Locale.ROOT, "| standard (the companion's best) | %d | %.2f%% | [%.2f%%, %.2f%%] |%n", standard.n(),
                standard.mean() * 100, standard.low() * 100, standard.high() * 100));
        section.add(String.format(Locale.ROOT, "Standard minus dropout: %.2f points (Welch's 95%% interval [%.2f, %.2f], p %s); test-set "
                        + "standard error of the difference %s. Verdict: %s. One comparison, so no correction for multiplicity; each "
                        + "best was chosen on validation only; a verdict inside 1.96 standard errors of seeds and test examples together "
                        + "is qualified.%n", difference.mean() * 100, difference.low() * 100, difference.high() * 100,
                Double.isNaN(difference.pValue()) ? "n/a" : difference.pValue() < 0.001 ? "< 0.001"
                        : String.format(Locale.ROOT, "= %.3f", difference.pValue()), testNoise, verdict));
        return new Result(shownDifference, verdict, null, scaleWithSeeds, trainExamples, section);
    }

    private static final String HEADING = "## Against the standard net, each tuned by its own search\n";

    private static Result refused(String why, String scale, int trainExamples) {
        return new Result("", "", why, scale, trainExamples, List.of(HEADING,
                "Table 2's claim that dropout lowers the test error, with both nets tuned by their own search: not decided: " + why + ".\n"));
    }

    /** The final seeds with a test error (completed), one per seed. */
    private static List<FinalSeedRecord> scored(List<FinalSeedRecord> finals) {
        return finals.stream().filter(f -> f.testError() != null).toList();
    }

    /** Per test example, the fraction of {@code finals} that misclassified it; null unless every one recorded its mistakes. */
    private static double[] mistakeRates(List<FinalSeedRecord> finals) {
        return TestMistakes.rates(finals.stream().map(FinalSeedRecord::testMistakes).toList());
    }
}
