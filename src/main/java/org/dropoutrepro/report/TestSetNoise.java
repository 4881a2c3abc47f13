package org.dropoutrepro.report;

/**
 * The test set's own sampling noise in a difference of two sides' test errors, and the rule that qualifies a verdict
 * inside it, shared by the experiments' claims ({@link ClaimCheck}) and a search's tuned Table 2 comparison. Every seed
 * is scored on the same test examples, so this noise does not shrink with more seeds (Section 6's error rates are
 * each one test set's).
 *
 * <p>Its standard error is paired over the examples when both sides recorded which ones each run misclassified (the
 * standard error of the mean of the per-example differences of seed-averaged mistake rates, {@link
 * Stats#pairedStandardError}); otherwise the binomial standard errors of the two error rates as independent, an upper
 * bound when both sides err on the same hard examples. A verdict that holds or fails on a difference inside 1.96
 * standard errors of seeds and test examples together (the two as independent) is qualified: "on this test set only"
 * with the paired standard error, "test-set noise not ruled out" with the unpaired bound.
 */
public final class TestSetNoise {

    private TestSetNoise() {
    }

    /**
     * The test set's standard error of worse minus better: paired when both sides' per-example mistake rates are
     * given, else the unpaired bound from the two mean error rates on {@code testExamples} examples; NaN without either.
     */
    public static double standardError(double[] betterRates, double[] worseRates, double betterMean, double worseMean, Integer testExamples) {
        if (betterRates != null && worseRates != null) return Stats.pairedStandardError(worseRates, betterRates);
        if (testExamples == null) return Double.NaN;
        return Math.hypot(Stats.binomialStandardError(betterMean, testExamples), Stats.binomialStandardError(worseMean, testExamples));
    }

    /** The standard error of the difference with both noises counted, as independent; NaN when either is unknown. */
    public static double combined(double seedStandardError, double testStandardError) {
        if (Double.isNaN(seedStandardError) || Double.isNaN(testStandardError)) return Double.NaN;
        return Math.sqrt(seedStandardError * seedStandardError + testStandardError * testStandardError);
    }

    /** Whether {@code difference} is inside 1.96 standard errors of seeds and test examples together. */
    public static boolean inside(double difference, double seedStandardError, double testStandardError) {
        double combined = combined(seedStandardError, testStandardError);
        return !Double.isNaN(combined) && Math.abs(difference) < 1.96 * combined;
    }

    /** What a qualified verdict adds after "holds" or "fails": the paired or the unpaired reading. */
    public static String qualifier(boolean paired) {
        return paired ? " on this test set only" : "; test-set noise not ruled out";
    }
}
