package org.dropoutrepro.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dropoutrepro.report.Scoreboard;
import org.dropoutrepro.report.Stats;
import org.dropoutrepro.report.TestSetNoise;
import org.dropoutrepro.report.TrainingLength;
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
 * net leaves nothing to compare, and one stuck at chance is a failure of its side as a diverged one is; no verdict while
 * either search is unfinished or the two are not comparable (as {@link LearningRateRatio} checks them).
 *
 * <p>The dropout side is the best configuration of its search as searched: when it trains with max-norm and the
 * companion does not, the claim is Table 2's "dropout + max-norm" row, and the section says so, with how much the best
 * trial drops. Each side's mean validation curve is read for its training length ({@link TrainingLength}), and a side
 * still improving at its last epoch is named beside the verdict, as in the experiments' reports.
 */
final class TunedComparison {

    static final String CLAIM = "Dropout lowers the test error of a standard network, each tuned by its own search";
    static final String CLAIM_MAX_NORM = "Dropout + max-norm lowers the test error of a standard network, each tuned by its own search";

    /** The comparison's cells and verdict ({@code why}: the reason there is none, else null), and its section of the report. */
    record Result(String claimText, String ours, String verdict, String why, String scale, int trainExamples, List<String> section) {

        /** The scoreboard's row, under Table 2. */
        Scoreboard.Claim claim() {
            return new Scoreboard.Claim("Table 2", claimText, trainExamples, "not compared (no value for the search's data)", ours, scale,
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
        Manifest.DataSizes sizes = identity.dataSizes();
        String scale = base.data().dataset() + (sizes == null ? "" : String.format(Locale.ROOT, ", %,d train / %,d test", sizes.train(),
                sizes.test())) + ", " + String.valueOf(base.values().get("architecture.hiddenWidths")).replace(" ", "") + ", "
                + base.training().epochs() + " epochs";
        int trainExamples = sizes == null ? 0 : sizes.train();
        RunConfig bestConfig = base.withOverrides(best.values(), "best");
        Side side = new Side(bestConfig.regularization().maxNorm() != null ? CLAIM_MAX_NORM : CLAIM, bestConfig, scale, trainExamples);
        Path dir = Path.of(identity.baseline());
        String shown = "`" + identity.baseline() + "`";
        try {
            SearchLog.Identity companion = Files.isDirectory(dir) ? SearchLog.readIdentity(dir) : null;
            if (companion == null) return refused("the companion search " + shown + " was not found", side);
            return compare(identity, finals, dir, shown, companion, sizes, side);
        } catch (IOException | RuntimeException e) {
            return refused("the companion search " + shown + " could not be read: " + e.getMessage(), side);
        }
    }

    /** The dropout side: the claim its configuration tests, the configuration, and the row's scale. */
    private record Side(String claim, RunConfig config, String scale, int trainExamples) {
    }

    private static Result compare(SearchLog.Identity identity, List<FinalSeedRecord> finals, Path dir, String shown,
                                  SearchLog.Identity companion, Manifest.DataSizes sizes, Side side) throws IOException {
        String scale = side.scale();
        int trainExamples = side.trainExamples();
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
        long ourStuck = ours.stream().filter(f -> SearchReport.stuckAtChance(f.epochs(), identity.classes())).count();
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
        if (!refusals.isEmpty()) return refused(String.join("; ", refusals), side);
        if (ourDiverged + ourStuck > 0) {
            String why = (ourDiverged > 0 ? ourDiverged + " of " + (ours.size() + ourDiverged) + " final seeds of the dropout net diverged" : "")
                    + (ourDiverged > 0 && ourStuck > 0 ? " and " : "")
                    + (ourStuck > 0 ? ourStuck + " of " + (ours.size() + ourDiverged) + " final seeds of the dropout net did not learn (stuck at "
                    + "chance)" : "") + ": a failure of the side claimed better";
            return new Result(side.claim(), ourStuck + ourDiverged + " of " + (ours.size() + ourDiverged) + " dropout seeds failed",
                    "**fails**: " + why, null, scale, trainExamples, List.of(HEADING, "Table 2's claim that " + lower(side.claim())
                    + ": **fails**: " + why + ".\n"));
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
                    + standardRates.length + " examples)", side);
        }
        boolean paired = dropoutRates != null && standardRates != null;
        double testSe = TestSetNoise.standardError(dropoutRates, standardRates, dropout.mean(), standard.mean(),
                sizes == null ? null : sizes.test());
        String outcome = Double.isNaN(difference.low()) ? "not decided" : difference.low() > 0 ? "holds" : difference.high() < 0 ? "fails"
                : "unresolved";
        boolean qualified = (outcome.equals("holds") || outcome.equals("fails"))
                && TestSetNoise.inside(difference.mean(), difference.standardError(), testSe);
        int validationExamples = side.config().data().validationSize();
        TrainingLength.Ending dropoutEnding = ending(ours, validationExamples);
        TrainingLength.Ending standardEnding = ending(theirs, validationExamples);
        String improving = outcome.equals("not decided") ? "" : stillImproving("with dropout", dropoutEnding)
                + stillImproving("standard", standardEnding);
        String verdict = "**" + outcome + (qualified ? TestSetNoise.qualifier(paired) : "") + "**"
                + (outcome.equals("fails") ? ": the opposite holds over seeds" : "") + improving;
        String testNoise = Double.isNaN(testSe) ? "not known (the data note states no test size)"
                : String.format(Locale.ROOT, "%.2f points (%s)", testSe * 100, paired ? "paired over the same test examples"
                : "unpaired: an upper bound; the final seeds did not all record their mistakes");
        String shownDifference = String.format(Locale.ROOT, "%.2f%% vs %.2f%%: %.2f points [%.2f, %.2f]", dropout.mean() * 100, standard.mean() * 100,
                difference.mean() * 100, difference.low() * 100, difference.high() * 100);
        String scaleWithSeeds = scale + ", " + ours.size() + " vs " + theirs.size() + " final seeds, " + identity.search().get("trials")
                + " and " + companion.search().get("trials") + " trials";

        List<String> section = new ArrayList<>();
        section.add(HEADING);
        section.add("Table 2's claim that " + lower(side.claim()).replace(", with both nets tuned by their own search", "")
                + ", with both nets' hyperparameters chosen on the validation split (Appendix B.1): this search's best configuration and "
                + "the best of its companion " + shown + ", each retrained with its final seeds, the only runs of either search that "
                + "read the test split. " + dropoutSide(side.config(), companionBase.withOverrides(companionBest.values(), "companion best"))
                + "\n");
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
        section.add("Training length (each side's mean validation curve over its final seeds, read as in the experiments' reports): with "
                + "dropout " + (dropoutEnding == null ? "not read (too few epochs)" : dropoutEnding.text()) + "; standard "
                + (standardEnding == null ? "not read (too few epochs)" : standardEnding.text()) + ". A side still improving measures "
                + "this training length, not the error it would converge to.\n");
        return new Result(side.claim(), shownDifference, verdict, null, scaleWithSeeds, trainExamples, section);
    }

    /** The claim as the continuation of "Table 2's claim that ...". */
    private static String lower(String claim) {
        String text = claim.replace(", each tuned by its own search", ", with both nets tuned by their own search");
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * What the dropout side is: its retain probabilities and max-norm against the companion's; a word when its hidden
     * layers drop little (retain at least {@link #LITTLE_DROPOUT}), since a difference then comes mostly from the rest.
     */
    private static String dropoutSide(RunConfig dropout, RunConfig standard) {
        Double c = dropout.regularization().maxNorm();
        Double theirC = standard.regularization().maxNorm();
        String text = String.format(Locale.ROOT, "The dropout side keeps hidden units with probability %.2f and inputs with %.2f, %s; the "
                        + "standard side %s.", dropout.dropout().hiddenRetain(), dropout.dropout().inputRetain(),
                c == null ? "without max-norm" : String.format(Locale.ROOT, "with max-norm c = %.2f", c),
                theirC == null ? "has no max-norm" : String.format(Locale.ROOT, "has max-norm c = %.2f", theirC));
        if (c != null && theirC == null) text += " So this compares dropout with max-norm against neither: Table 2's \"dropout + max-norm\" row.";
        if (dropout.dropout().hiddenRetain() >= LITTLE_DROPOUT) {
            text += String.format(Locale.ROOT, " Its hidden layers drop little (retain %.2f): a difference comes mostly from %s.",
                    dropout.dropout().hiddenRetain(), c == null ? "input dropout" : "input dropout and max-norm");
        }
        return text;
    }

    /** A hidden retain probability at or above which the hidden layers drop little. */
    static final double LITTLE_DROPOUT = 0.9;

    /** How the mean of {@code finals}' curves ends, or null (too few epochs). */
    private static TrainingLength.Ending ending(List<FinalSeedRecord> finals, int validationExamples) {
        if (finals.isEmpty()) return null;
        int epochs = finals.stream().mapToInt(f -> f.epochs().size()).min().orElse(0);
        List<double[]> curve = new ArrayList<>();
        List<double[]> train = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            final int index = e;
            double epoch = finals.get(0).epochs().get(e).epoch();
            curve.add(new double[] {epoch, finals.stream().mapToDouble(f -> f.epochs().get(index).validationError()).average().orElse(Double.NaN)});
            train.add(new double[] {epoch, finals.stream().mapToDouble(f -> f.epochs().get(index).trainError()).average().orElse(Double.NaN)});
        }
        return TrainingLength.ending(curve, train, validationExamples);
    }

    /** "; 'name' still improving at epoch N, its last (...)" when it is, else empty (as the experiments' scoreboard rows say it). */
    private static String stillImproving(String name, TrainingLength.Ending ending) {
        return ending != null && ending.stillImproving() ? "; '" + name + "' " + ending.text() : "";
    }

    private static final String HEADING = "## Against the standard net, each tuned by its own search\n";

    private static Result refused(String why, Side side) {
        return new Result(side.claim(), "", "", why, side.scale(), side.trainExamples(), List.of(HEADING,
                "Table 2's claim that " + lower(side.claim()) + ": not decided: " + why + ".\n"));
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
