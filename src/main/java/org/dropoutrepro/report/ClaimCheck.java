package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dropoutrepro.spec.ExperimentSpec;

/**
 * Checks a report's claims of the paper ("{@code better} has a lower test error than {@code worse}", e.g.
 * Table 2's dropout against the standard network, Figure 9's retain probabilities, Section 7.4's data sizes)
 * the way a reviewer would accept:
 * <ul>
 * <li>Welch's two-sided test at 5% and its 95% interval of the difference worse minus better. The claims are
 * one-sided; a two-sided interval is stricter (each direction at 2.5%) and also says when the opposite holds.</li>
 * <li>Holm's step-down correction across all comparisons of the report, so that several claims together
 * keep a 5% family-wise error rate.</li>
 * <li>Like with like: a side naming a variant with several sweep points is compared point by point with
 * the same sweep coordinates on the other side, each point a comparison of its own; a side may also name
 * one configuration ({@code "variant key=value"}).</li>
 * <li>Failures count: a diverged run of the better side is a failure of that side and the claim fails; a
 * diverged run of the worse side leaves nothing to compare (not decided). Runs that did not learn
 * ({@link RunHealth}) stay in the numbers; when the worse side has any, a difference is a training failure,
 * not the paper's effect, and the claim is not decided.</li>
 * <li>No spread: when every seed of both sides gave the same error there is no interval, and no verdict.</li>
 * <li>Unfinished: a side with fewer recorded runs than its planned seeds gets no verdict yet, so that a verdict
 * never depends on which seeds happened to finish first.</li>
 * <li>Test-set noise: the standard error of the difference that another test set of the same size would show.
 * Paired when every completed run of both sides recorded which test examples it got wrong: with a_i and b_i the
 * fractions of each side's seeds that misclassified example i, the standard error of the mean of d_i = b_i - a_i over
 * the n examples, sqrt(sum (d_i - mean d)^2 / (n (n - 1))); the examples both sides get wrong (or right) cancel.
 * Otherwise (records from before the mistakes were kept) the binomial standard errors of the two error rates treated
 * as independent, an upper bound when both sides err on the same hard examples. A verdict that holds or fails on a
 * difference inside 1.96 standard errors of seeds and test examples together (the two noises as independent) is
 * qualified: "on this test set only" with the paired standard error (the seeds show it for these test examples, the
 * test set is too small to show it for the distribution they were drawn from), "test-set noise not ruled out" with the
 * unpaired bound.</li>
 * </ul>
 */
final class ClaimCheck {

    static final double ALPHA = 0.05;

    /** A verdict. */
    enum Outcome {
        HOLDS("holds"), FAILS("fails"), UNRESOLVED("unresolved"), NOT_DECIDED("not decided");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    /** One comparison of one claim, with its verdict and the numbers behind it. */
    record Verdict(ExperimentSpec.Claim claim, String point, ConfigSummary better, ConfigSummary worse,
                   Stats.Difference difference, double holmP, double testSetStandardError, boolean pairedTestSetError, Outcome outcome,
                   String reason) {

        /** The claim's statement, with the sweep point it was compared at. */
        String label() {
            return claim.statement() + (point.isEmpty() ? "" : " (at " + point + ")");
        }

        /**
         * The standard error of the difference with both noises counted: the seeds' (Welch's) and the test set's, as
         * independent; NaN when either is unknown.
         */
        double combinedStandardError() {
            return difference == null ? Double.NaN : TestSetNoise.combined(difference.standardError(), testSetStandardError);
        }

        /** Whether the difference is inside 1.96 standard errors of seeds and test examples together. */
        boolean belowTestSetResolution() {
            return difference != null && TestSetNoise.inside(difference.mean(), difference.standardError(), testSetStandardError);
        }

        /**
         * The verdict as the pages print it, in bold: "holds" or "fails" over seeds, qualified when the difference is inside
         * the noise of seeds and test examples together, so that a reader of the verdict alone does not take it for a result
         * about the data's distribution: "on this test set only" with the paired standard error, "test-set noise not ruled
         * out" with the unpaired one, an upper bound that may overstate the noise.
         */
        String shown() {
            boolean qualified = (outcome == Outcome.HOLDS || outcome == Outcome.FAILS) && belowTestSetResolution();
            return "**" + outcome.label + (qualified ? TestSetNoise.qualifier(pairedTestSetError) : "") + "**";
        }

        /** "worse minus better = d points (95% interval [l, h]; Holm p = q)". */
        String number(Units units) {
            if (difference == null) return "";
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s minus %s = %s%s", worse.config().name(),
                    better.config().name(), units.format(difference.mean()), units.differenceUnit()));
            if (!Double.isNaN(difference.low())) {
                out.append(" (95% interval [").append(units.format(difference.low())).append(", ")
                        .append(units.format(difference.high())).append("]; Holm-adjusted p ").append(formatPValue(holmP)).append(")");
            }
            return out.toString();
        }
    }

    private ClaimCheck() {
    }

    /**
     * Every comparison of {@code claims} over {@code summaries}; {@code testExamples} is the test set's size
     * (null or the regression task: no binomial error).
     */
    static List<Verdict> check(List<ExperimentSpec.Claim> claims, List<ConfigSummary> summaries, Integer testExamples,
                               boolean classification) {
        List<Verdict> tested = new ArrayList<>();
        for (ExperimentSpec.Claim claim : claims) tested.addAll(compare(claim, summaries, classification ? testExamples : null));
        List<Double> adjusted = Stats.holm(tested.stream().map(v -> v.outcome() == null ? v.difference().pValue() : Double.NaN).toList());
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < tested.size(); i++) {
            Verdict v = tested.get(i);
            out.add(v.outcome() != null ? v : decide(v, adjusted.get(i)));
        }
        return out;
    }

    /** Number of comparisons that entered Holm's correction. */
    static long tests(List<Verdict> verdicts) {
        return verdicts.stream().filter(v -> !Double.isNaN(v.holmP())).count();
    }

    private static Verdict decide(Verdict v, double holmP) {
        Stats.Difference d = v.difference();
        Outcome outcome;
        String reason;
        if (holmP < ALPHA && d.mean() > 0) {
            outcome = Outcome.HOLDS;
            reason = "";
        } else if (holmP < ALPHA) {
            outcome = Outcome.FAILS;
            reason = "the opposite holds over seeds";
        } else {
            outcome = Outcome.UNRESOLVED;
            reason = "the interval includes zero after Holm's correction";
        }
        if (outcome == Outcome.HOLDS && v.worse().notLearned() > 0) {
            outcome = Outcome.NOT_DECIDED;
            reason = v.worse().notLearned() + " of " + v.worse().runs().size() + " runs of '" + v.worse().config().name()
                    + "' did not learn: the difference measures a training failure, not the claim";
        }
        if (v.better().notLearned() > 0) {
            reason = (reason.isEmpty() ? "" : reason + "; ") + v.better().notLearned() + " runs of '" + v.better().config().name()
                    + "' did not learn and count against it";
        }
        return new Verdict(v.claim(), v.point(), v.better(), v.worse(), d, holmP, v.testSetStandardError(), v.pairedTestSetError(), outcome,
                reason);
    }

    /** The comparisons of one claim, decided already when no test applies (outcome set), otherwise to be decided. */
    private static List<Verdict> compare(ExperimentSpec.Claim claim, List<ConfigSummary> summaries, Integer testExamples) {
        List<ConfigSummary> better = side(claim.better(), summaries);
        List<ConfigSummary> worse = side(claim.worse(), summaries);
        List<Verdict> out = new ArrayList<>();
        if (better.isEmpty() || worse.isEmpty()) {
            out.add(refused(claim, "", null, null, "no configuration named '" + (better.isEmpty() ? claim.better() : claim.worse()) + "'"));
            return out;
        }
        if (better.size() == 1 && worse.size() == 1) {
            out.add(single(claim, "", better.get(0), worse.get(0), testExamples));
            return out;
        }
        List<ConfigSummary> matches = new ArrayList<>();
        for (ConfigSummary b : better) {
            worse.stream().filter(w -> w.config().sweepValues().equals(b.config().sweepValues())).findFirst().ifPresent(matches::add);
        }
        if (matches.size() != better.size() || better.size() != worse.size()) {
            out.add(refused(claim, "", null, null, "'" + claim.better() + "' and '" + claim.worse() + "' do not share their sweep "
                    + "points; name one configuration on each side (e.g. '" + better.get(0).config().name() + "')"));
            return out;
        }
        for (int i = 0; i < better.size(); i++) {
            out.add(single(claim, point(better.get(i).config().sweepValues()), better.get(i), matches.get(i), testExamples));
        }
        return out;
    }

    private static Verdict single(ExperimentSpec.Claim claim, String point, ConfigSummary better, ConfigSummary worse,
                                  Integer testExamples) {
        for (ConfigSummary side : List.of(better, worse)) {
            if (side.runs().size() < side.plannedRuns()) {
                return refused(claim, point, better, worse, "unfinished: " + side.runs().size() + " of " + side.plannedRuns()
                        + " runs of '" + side.config().name() + "' recorded, and a verdict waits for all of them");
            }
        }
        if (better.diverged() > 0) {
            return refused(claim, point, better, worse, Outcome.FAILS, better.diverged() + " of " + better.runs().size() + " runs of '"
                    + better.config().name() + "' diverged: a failure of the side claimed better");
        }
        if (worse.diverged() > 0) {
            return refused(claim, point, better, worse, worse.diverged() + " of " + worse.runs().size() + " runs of '"
                    + worse.config().name() + "' diverged: nothing to compare, and a failure of the worse side is no evidence for the claim");
        }
        List<Double> b = better.testErrors();
        List<Double> w = worse.testErrors();
        if (b.size() < 2 || w.size() < 2) return refused(claim, point, better, worse, "fewer than two completed seeds on a side: no interval");
        Stats.Difference d = Stats.welch(w, b);
        double testSe = Double.NaN;
        boolean paired = false;
        if (testExamples != null) {
            double[] betterRates = better.mistakeRates(testExamples);
            double[] worseRates = worse.mistakeRates(testExamples);
            paired = betterRates != null && worseRates != null;
            testSe = TestSetNoise.standardError(betterRates, worseRates, better.testError().mean(), worse.testError().mean(), testExamples);
        }
        if (d.standardError() == 0) {
            return new Verdict(claim, point, better, worse, d, Double.NaN, testSe, paired, Outcome.NOT_DECIDED,
                    "every seed gave the same test error on both sides: no spread over seeds to build an interval from");
        }
        return new Verdict(claim, point, better, worse, d, Double.NaN, testSe, paired, null, "");
    }

    private static Verdict refused(ExperimentSpec.Claim claim, String point, ConfigSummary better, ConfigSummary worse, String reason) {
        return refused(claim, point, better, worse, Outcome.NOT_DECIDED, reason);
    }

    private static Verdict refused(ExperimentSpec.Claim claim, String point, ConfigSummary better, ConfigSummary worse,
                                   Outcome outcome, String reason) {
        Stats.Difference d = better == null || worse == null ? null : Stats.welch(worse.testErrors(), better.testErrors());
        return new Verdict(claim, point, better, worse, d, Double.NaN, Double.NaN, false, outcome, reason);
    }

    /** The configurations a claim's side names: one configuration by its name, or every configuration of a variant. */
    private static List<ConfigSummary> side(String name, List<ConfigSummary> summaries) {
        List<ConfigSummary> exact = summaries.stream().filter(s -> s.config().name().equals(name)).toList();
        if (!exact.isEmpty() && summaries.stream().noneMatch(s -> s.config().variant().equals(name) && !s.config().name().equals(name))) {
            return exact;
        }
        return summaries.stream().filter(s -> s.config().variant().equals(name)).toList();
    }

    private static String point(Map<String, Object> sweepValues) {
        List<String> parts = new ArrayList<>();
        sweepValues.forEach((key, value) -> parts.add(key.substring(key.indexOf('.') + 1) + "=" + value));
        return String.join(", ", parts);
    }

    /** "= 0.034" or "< 0.001", to follow "p ". */
    static String formatPValue(double pValue) {
        if (Double.isNaN(pValue)) return "n/a";
        return pValue < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", pValue);
    }
}
