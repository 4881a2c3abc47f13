package org.dropoutrepro.search;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.dropoutrepro.report.Stats;

/**
 * The completed trials that noise cannot tell from the best: how flat the optimum of one search is, and so how much
 * its best trial's values say. Appendix B.1 of the paper chose every hyperparameter on a validation set of finite
 * size; the best trial of a search is the one with the lowest validation error, and a trial a little behind it may
 * be as good.
 *
 * <p>A learned completed trial is within noise of the best when its validation error exceeds the best's by at most
 * {@value #Z} standard errors of the difference. The standard error combines, as independent:
 * <ul>
 *   <li>the binomial noise of each side's error on the validation split (classification only; unpaired, which
 *       overstates it: the trials are scored on the same examples), and</li>
 *   <li>the spread over training seeds, twice the variance of the final seeds' validation errors (the best
 *       configuration retrained with new seeds; the spread of other configurations is taken to be alike), once at
 *       least two final seeds are recorded.</li>
 * </ul>
 * Each trial is compared with the best on its own, without a correction for the number of trials: the set is what a
 * reader cannot rule out, not a test of any one trial. The best's own error is biased low by the selection, which
 * makes the set, if anything, too small.
 */
final class NearBest {

    /**
     * Standard errors of the difference within which a trial cannot be told from the best: the two-sided 95% quantile,
     * used one way (a trial can only be behind), so a one-sided 97.5% bound; the set errs towards too large.
     */
    static final double Z = 1.96;

    /**
     * The trials within noise of the best, best first (the best among them); the validation examples behind the
     * binomial part (0: not a classification task, no binomial part); the sd over seeds of the validation error (NaN:
     * unknown) and from how many final seeds; every learned completed trial, best first, and each one's probability of
     * being the best in truth ({@link BestProbability}, in the same order).
     */
    record Result(List<TrialRecord> trials, int validationExamples, double seedSd, int seeds, List<TrialRecord> learned,
                  double[] bestProbability) {

        /**
         * The probability that the trial best in truth is one that {@code where} accepts ({@link BestProbability}: each
         * learned trial's validation error taken as its observed one plus independent normal noise of the same
         * standard error as above); NaN without learned trials.
         */
        double probability(java.util.function.Predicate<TrialRecord> where) {
            if (learned.isEmpty()) return Double.NaN;
            double sum = 0;
            for (int i = 0; i < learned.size(); i++) if (where.test(learned.get(i))) sum += bestProbability[i];
            return sum;
        }

        /** One sentence on how "within noise" was decided, for below a table that uses it. */
        String how() {
            String binomial = validationExamples > 0
                    ? "the binomial noise of " + String.format(Locale.ROOT, "%,d", validationExamples) + " validation examples on each "
                    + "side (unpaired, which overstates it: every trial is scored on the same examples)"
                    : null;
            String seed = Double.isNaN(seedSd) ? null
                    : String.format(Locale.ROOT, "the spread over training seeds (sd %.2f points, of the best configuration's %d final "
                    + "seeds' validation errors)", seedSd * 100, seeds);
            String noise = binomial != null && seed != null ? binomial + " and " + seed : binomial != null ? binomial : seed;
            String missing = Double.isNaN(seedSd) ? " The spread over training seeds is left out until at least two final seeds are "
                    + "recorded; with it the set can only grow." : "";
            if (noise == null) {
                return "Within noise of the best: no noise model (not a classification task, and fewer than two final seeds), so only "
                        + "the best is listed.";
            }
            return "Within noise of the best: a validation error at most " + Z + " standard errors of the difference above the "
                    + "best's, from " + noise + "; each trial against the best alone, so the set is what cannot be ruled out, not a "
                    + "test. P, the probability that the trial best in truth is one of a kind, takes each trial's true error as normal "
                    + "around its observed one with the same noise, independently across trials (a flat prior)." + missing;
        }
    }

    private NearBest() {
    }

    /**
     * The learned completed trials of {@code trials} within noise of {@code best}, with the noise model's inputs: the
     * validation split's size ({@code validationExamples}; 0 or {@code classes} null: no binomial part) and the final
     * seeds of the best (their validation errors' spread; failed, diverged and unscored seeds are left out).
     */
    static Result of(List<TrialRecord> trials, TrialRecord best, Integer classes, int validationExamples, List<FinalSeedRecord> finals) {
        int examples = classes == null ? 0 : validationExamples;
        List<Double> seedErrors = finals.stream().filter(f -> TrialRecord.COMPLETED.equals(f.status()) && f.validationError() != null)
                .map(FinalSeedRecord::validationError).toList();
        double seedSd = seedErrors.size() >= 2 ? Stats.summarize(seedErrors).sd() : Double.NaN;
        List<TrialRecord> learned = best == null ? List.of() : SearchReport.learned(trials, classes).stream()
                .sorted(Comparator.comparingDouble(TrialRecord::validationError).thenComparingInt(TrialRecord::trial)).toList();
        List<TrialRecord> near = learned.stream()
                .filter(t -> t.trial() == best.trial() || within(best.validationError(), t.validationError(), examples, seedSd)).toList();
        double[] values = learned.stream().mapToDouble(TrialRecord::validationError).toArray();
        double[] errors = learned.stream().mapToDouble(t -> standardError(t.validationError(), examples, seedSd)).toArray();
        return new Result(near, examples, seedSd, seedErrors.size(), learned, BestProbability.of(values, errors));
    }

    /** One trial's standard error: binomial on the validation split (when known) and the seeds' spread (when known). */
    static double standardError(double error, int validationExamples, double seedSd) {
        double variance = validationExamples > 0 ? Math.pow(Stats.binomialStandardError(error, validationExamples), 2) : 0;
        if (!Double.isNaN(seedSd)) variance += seedSd * seedSd;
        return Math.sqrt(variance);
    }

    /** Whether {@code other} exceeds {@code best} by at most {@link #Z} standard errors of the difference. */
    static boolean within(double best, double other, int validationExamples, double seedSd) {
        return other - best <= Z * Math.hypot(standardError(best, validationExamples, seedSd), standardError(other, validationExamples, seedSd));
    }
}
