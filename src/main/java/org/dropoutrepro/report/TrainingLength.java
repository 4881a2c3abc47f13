package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Whether each configuration was trained long enough to be compared: read from its mean validation curve over
 * seeds. The paper trains for about a million weight updates (Appendix B.1) and a dropout net learns more
 * slowly than a standard one (Section 11, the conclusion: "2-3 times longer to train"), so a
 * comparison after a fixed, shorter length can measure speed of learning rather than the final error. Each
 * configuration is read as one of:
 * <ul>
 * <li><b>still improving</b>: a least-squares line through the last quarter of the epochs (at least 3) falls, and
 * the fall is significant at 5% (one-sided t test of the slope, n - 2 degrees of freedom) against the curve's own
 * scatter around the line; more epochs would likely lower it. The yardstick is the curve's scatter from epoch to
 * epoch, not the validation set's binomial noise: every epoch is scored on the same examples, so a steady fall far
 * smaller than that noise is still a fall;</li>
 * <li><b>overfitting</b>: the curve rose: the last quarter's line rises significantly by the same test, or the lowest
 * validation error (of a moving average over 5 epochs, so that one lucky epoch is not the minimum) came before the
 * last quarter and the line's value at the last epoch is more than one binomial standard error of the validation set
 * above it; while the training error (also a 5-epoch average) ended no higher than it was at that lowest point;</li>
 * <li><b>getting worse</b>: as overfitting, but the training error rose too: the training itself became unstable
 * (a learning rate too large, say), which is not overfitting;</li>
 * <li><b>no clear trend</b>: neither (a flat curve, or one whose last quarter the test cannot read).</li>
 * </ul>
 * Consecutive epochs of a mean curve are correlated, so the t test is liberal: it errs towards "still improving", the
 * reading that says a verdict may measure its training length; and with the 3-epoch window of a short run (df = 1,
 * a critical t of 6.3) it has little power, so "no clear trend" there is not evidence of a plateau.
 */
public record TrainingLength(String configuration, int lastEpoch, int lowestEpoch, double lowest, double last, double lastQuarterChange,
                      double changeStandardError, int window, double finalGap, double standardError, Reading reading) {

    /** How a configuration's validation curve ends. */
    enum Reading {
        STILL_IMPROVING("still improving"), OVERFITTING("overfitting"), WORSENING("getting worse"), NO_CLEAR_TREND("no clear trend");

        final String label;

        Reading(String label) {
            this.label = label;
        }
    }

    static final int MIN_EPOCHS = 8;

    static final int SMOOTHING = 5;

    /** One-sided level of the test that the last quarter's line falls. */
    static final double FALL_LEVEL = 0.05;

    /**
     * The reading of every configuration with a validation curve of at least {@link #MIN_EPOCHS} epochs;
     * {@code validationExamples} is the validation set's size (no reading without it).
     */
    static List<TrainingLength> of(List<ConfigSummary> summaries, Integer validationExamples) {
        List<TrainingLength> out = new ArrayList<>();
        if (validationExamples == null || validationExamples <= 0) return out;
        for (ConfigSummary s : summaries) {
            List<double[]> curve = s.meanCurve(true);
            List<double[]> train = s.meanCurve(false);
            if (curve.size() < MIN_EPOCHS || train.size() != curve.size()) continue;
            out.add(read(s.config().name(), curve, train, validationExamples));
        }
        return out;
    }

    /**
     * The reading of one mean validation curve and the training curve of the same epochs, points (epoch, error as a
     * fraction).
     */
    static TrainingLength read(String configuration, List<double[]> curve, List<double[]> train, int validationExamples) {
        int points = curve.size();
        double[] smoothed = smoothed(curve);
        int lowestIndex = 0;
        for (int i = 1; i < points; i++) if (smoothed[i] < smoothed[lowestIndex]) lowestIndex = i;
        int window = Math.max(3, points / 4);
        List<double[]> tail = curve.subList(points - window, points);
        double[] line = line(tail);
        double firstTail = tail.get(0)[0];
        double lastEpoch = tail.get(window - 1)[0];
        double change = line[1] * (lastEpoch - firstTail);
        double changeStandardError = line[2] * (lastEpoch - firstTail);
        double last = line[0] + line[1] * lastEpoch;
        double standardError = Stats.binomialStandardError(last, validationExamples);
        Reading reading;
        if (significantFall(change, changeStandardError, window)) {
            reading = Reading.STILL_IMPROVING;
        } else if (significantFall(-change, changeStandardError, window)
                || (lowestIndex < points - window && last - smoothed[lowestIndex] > standardError)) {
            double[] trainSmoothed = smoothed(train);
            reading = trainSmoothed[points - 1] <= trainSmoothed[lowestIndex] ? Reading.OVERFITTING : Reading.WORSENING;
        } else {
            reading = Reading.NO_CLEAR_TREND;
        }
        return new TrainingLength(configuration, (int) lastEpoch, (int) curve.get(lowestIndex)[0], smoothed[lowestIndex], last, change,
                changeStandardError, window, curve.get(points - 1)[1] - train.get(points - 1)[1], standardError, reading);
    }

    /** How a mean curve ends, for readers outside this package: whether it is still improving, and a phrase that says so. */
    public record Ending(boolean stillImproving, String text) {
    }

    /**
     * How the mean of several runs' curves ends (a search's final seeds): points are (epoch, error as a fraction), the mean
     * over runs of the validation error ({@code curve}) and the training error ({@code train}) of the same epochs; null
     * with fewer than {@link #MIN_EPOCHS} epochs or no validation examples.
     */
    public static Ending ending(List<double[]> curve, List<double[]> train, int validationExamples) {
        if (validationExamples <= 0 || curve.size() < MIN_EPOCHS || train.size() != curve.size()) return null;
        TrainingLength r = read("", curve, train, validationExamples);
        return r.reading == Reading.STILL_IMPROVING
                ? new Ending(true, String.format(Locale.ROOT, "still improving at epoch %d, its last (validation error %.2f points lower "
                + "over its last %d epochs)", r.lastEpoch, -r.lastQuarterChange * 100, r.window))
                : new Ending(false, r.reading.label + " at epoch " + r.lastEpoch + ", its last");
    }

    /**
     * Whether a line's {@code change} over {@code points} epochs is a fall that its standard error cannot explain (a rise,
     * given the change negated).
     */
    private static boolean significantFall(double change, double changeStandardError, int points) {
        if (!(change < 0)) return false;
        if (changeStandardError == 0) return true;
        double critical = new TDistribution(points - 2).inverseCumulativeProbability(1 - FALL_LEVEL);
        return change / changeStandardError < -critical;
    }

    /**
     * A first-screen line when a configuration that enters a claim ({@code compared}: their names) was still
     * improving at its last epoch, else empty.
     */
    static String warning(List<TrainingLength> readings, Set<String> compared) {
        List<String> improving = readings.stream().filter(r -> r.reading == Reading.STILL_IMPROVING && compared.contains(r.configuration))
                .map(r -> String.format(Locale.ROOT, "'%s' (validation error %.2f points lower over its last %d epochs)", r.configuration,
                        -r.lastQuarterChange * 100, r.window))
                .toList();
        if (improving.isEmpty()) return "";
        return "still improving at the last epoch: " + String.join("; ", improving) + ". Their numbers and the verdicts they enter "
                + "measure this training length, not the error it would converge to (see 'Training length').";
    }

    /** The page's section. */
    static String section(List<TrainingLength> readings) {
        if (readings.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n## Training length\n\nWhether each configuration's mean validation curve had "
                + "levelled off by the last epoch. The last-quarter change is the fall or rise of a least-squares line through the last "
                + "quarter of the epochs, with the standard error of that fall from the curve's scatter around the line; 'still improving' "
                + "means the fall is significant at 5% (one-sided t test; the scatter from epoch to epoch is the yardstick, since every "
                + "epoch is scored on the same validation examples), 'overfitting' that the curve rose (the line rises significantly "
                + "by the same test, or the lowest point of a 5-epoch moving average came earlier and the line ends more than one "
                + "binomial standard error of the validation set, validation SE, above it) while the training error kept falling, "
                + "'getting worse' the same with the training error rising too (unstable training), 'no clear trend' neither; 'last "
                + "epoch' is the line's value there. Consecutive epochs are correlated, so the test leans towards 'still improving'; "
                + "over a 3-epoch window it has little power, and 'no clear trend' there is not evidence of a plateau. The gap is the "
                + "final validation error minus the final training error (both without dropout).\n\n| configuration | reading | lowest validation error (epoch) | last epoch | last-quarter "
                + "change | validation SE | gap |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (TrainingLength r : readings) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.2f%% (%d) | %.2f%% (%d) | %+.2f ± %.2f points over %d epochs | %.2f | %.2f points |%n",
                    r.configuration, r.reading.label, r.lowest * 100, r.lowestEpoch, r.last * 100, r.lastEpoch,
                    r.lastQuarterChange * 100, r.changeStandardError * 100, r.window, r.standardError * 100, r.finalGap * 100));
        }
        return md.toString();
    }

    /** A centred moving average over up to {@value #SMOOTHING} epochs (fewer at the ends), so one lucky epoch is not the minimum. */
    private static double[] smoothed(List<double[]> curve) {
        double[] out = new double[curve.size()];
        int half = SMOOTHING / 2;
        for (int i = 0; i < out.length; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(out.length - 1, i + half);
            double sum = 0;
            for (int j = from; j <= to; j++) sum += curve.get(j)[1];
            out[i] = sum / (to - from + 1);
        }
        return out;
    }

    /** Least-squares line through the points: {intercept, slope, the slope's standard error (NaN below 3 points)}. */
    private static double[] line(List<double[]> points) {
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - meanX) * (p[1] - meanY);
            sxx += (p[0] - meanX) * (p[0] - meanX);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residualSquares = 0;
        for (double[] p : points) residualSquares += Math.pow(p[1] - intercept - slope * p[0], 2);
        double slopeStandardError = points.size() < 3 || sxx == 0 ? Double.NaN : Math.sqrt(residualSquares / (points.size() - 2) / sxx);
        return new double[] {intercept, slope, slopeStandardError};
    }
}
