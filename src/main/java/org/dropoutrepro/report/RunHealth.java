package org.dropoutrepro.report;

import java.util.List;
import java.util.Locale;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunStatus;

/**
 * Whether a completed classification run learned at all. A run that did not learn is a training failure
 * (a learning rate too large for its dropout scaling, say), not a measurement of the paper's effect, and the
 * verdicts treat it so ({@link ClaimCheck}). Two tests, both on numbers every run records, the errors measured
 * without dropout named first (the training loss is measured with dropout on, which keeps it high for a
 * small retain probability even when the net learns):
 * <ul>
 * <li><b>stuck at chance</b>: its final training error (measured without dropout) is at least 90% of the
 * chance error 1 - 1/K, or its training loss never fell below 90% of ln K, the cross-entropy of a uniform
 * guess over K classes;</li>
 * <li><b>far behind</b>: its final training error is more than halfway from the lowest final training error
 * of any run of the experiment to chance: the same data and net learn elsewhere, this run did not.</li>
 * </ul>
 * Regression has no chance level; its runs are not judged.
 */
record RunHealth(Status status, String reason) {

    /** How a run ended, as the report counts it. */
    enum Status { LEARNED, NOT_LEARNED, DIVERGED, STOPPED, NOT_JUDGED }

    static final double CHANCE_FRACTION = 0.9;

    static final RunHealth LEARNED_HEALTH = new RunHealth(Status.LEARNED, "");

    /** The judge for the runs of one experiment: its number of classes (null: not a classification task) and runs. */
    record Judge(Integer classes, double bestFinalTrainError) {

        static Judge of(Integer classes, List<RunRecord> runs) {
            double best = runs.stream().filter(r -> r.status() == RunStatus.COMPLETED && !r.epochs().isEmpty())
                    .mapToDouble(r -> last(r).trainError()).min().orElse(Double.NaN);
            return new Judge(classes, best);
        }

        RunHealth of(RunRecord run) {
            if (run.status() == RunStatus.DIVERGED) return new RunHealth(Status.DIVERGED, "diverged: " + run.divergence());
            if (run.status() == RunStatus.STOPPED) return new RunHealth(Status.STOPPED, "stopped early");
            if (classes == null || classes < 2 || run.epochs().isEmpty()) return new RunHealth(Status.NOT_JUDGED, "");
            double chanceError = 1 - 1.0 / classes;
            double chanceLoss = Math.log(classes);
            double finalTrainError = last(run).trainError();
            double lowestLoss = run.epochs().stream().mapToDouble(EpochMetrics::trainLoss).min().orElse(Double.NaN);
            if (finalTrainError >= CHANCE_FRACTION * chanceError) {
                return new RunHealth(Status.NOT_LEARNED, String.format(Locale.ROOT,
                        "stuck at chance: final training error %.1f%%, chance %.1f%%", finalTrainError * 100, chanceError * 100));
            }
            double halfway = (bestFinalTrainError + chanceError) / 2;
            if (finalTrainError > halfway) {
                return new RunHealth(Status.NOT_LEARNED, String.format(Locale.ROOT,
                        "far behind: final training error %.1f%%, more than halfway from the experiment's best (%.1f%%) to chance (%.1f%%)",
                        finalTrainError * 100, bestFinalTrainError * 100, chanceError * 100));
            }
            if (lowestLoss >= CHANCE_FRACTION * chanceLoss) {
                return new RunHealth(Status.NOT_LEARNED, String.format(Locale.ROOT,
                        "stuck at chance: training loss (with dropout on) never below %.2f (chance ln %d = %.2f)", lowestLoss, classes, chanceLoss));
            }
            return LEARNED_HEALTH;
        }
    }

    boolean learned() {
        return status == Status.LEARNED || status == Status.NOT_JUDGED;
    }

    private static EpochMetrics last(RunRecord run) {
        return run.epochs().get(run.epochs().size() - 1);
    }
}
