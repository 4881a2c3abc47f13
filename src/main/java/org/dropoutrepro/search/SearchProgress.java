package org.dropoutrepro.search;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One line per finished trial: the trial's outcome, then trials done / total, pruned so far, the best validation
 * error so far and an ETA from this session's pace (trials recorded before a resume do not count towards it). The
 * ETA covers the final seeds too: each retrains the best configuration for every epoch, at this session's seconds
 * per trained epoch, {@code slots} of them at once.
 *
 * <p>Search tooling (as Arbiter's and Optuna's progress output): no counterpart in the paper.
 */
final class SearchProgress {

    private final PrintStream out;
    private final int total;
    private final int finalSeeds;
    private final int epochsPerRun;
    private final int slots;
    private final LongSupplier nanoClock;
    private final long started;
    private int done;
    private int doneThisSession;
    private double secondsThisSession;
    private int epochsThisSession;
    private int pruned;
    private Double best;
    private int bestTrial;

    /** Progress of {@code total} trials, then {@code finalSeeds} runs of {@code epochsPerRun} epochs, {@code slots} at once. */
    SearchProgress(PrintStream out, int total, int finalSeeds, int epochsPerRun, int slots) {
        this(out, total, finalSeeds, epochsPerRun, slots, System::nanoTime);
    }

    SearchProgress(PrintStream out, int total, int finalSeeds, int epochsPerRun, int slots, LongSupplier nanoClock) {
        this.out = out;
        this.total = total;
        this.finalSeeds = finalSeeds;
        this.epochsPerRun = epochsPerRun;
        this.slots = Math.max(1, slots);
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    /** A trial recorded before this session started. */
    void recorded(TrialRecord trial) {
        count(trial);
    }

    synchronized void finished(TrialRecord trial) {
        count(trial);
        doneThisSession++;
        secondsThisSession += trial.seconds();
        epochsThisSession += trial.epochs().size();
        double elapsed = (nanoClock.getAsLong() - started) / 1e9;
        int remaining = Math.max(0, total - done);
        double trialSeconds = elapsed / doneThisSession * remaining;
        String eta;
        if (finalSeeds == 0) {
            eta = remaining == 0 ? "done" : "ETA " + minutes(trialSeconds);
        } else {
            double finalSeconds = finalSeedSeconds(elapsed);
            String finals = finalSeeds + " final seeds " + minutes(finalSeconds);
            eta = remaining == 0 ? "trials done; ETA " + finals
                    : "ETA " + minutes(trialSeconds + finalSeconds) + " (" + remaining + " trials " + minutes(trialSeconds) + " + " + finals + ")";
        }
        out.println(String.format(Locale.ROOT, "trial %d %s%s | %d/%d trials, %d pruned, best %s | %s", trial.trial(), trial.status(),
                trial.validationError() == null ? "" : String.format(Locale.ROOT, " (validation error %.2f%%)", trial.validationError() * 100),
                done, total, pruned, best == null ? "-" : String.format(Locale.ROOT, "%.2f%% (trial %d)", best * 100, bestTrial), eta));
    }

    synchronized void message(String text) {
        out.println(text);
    }

    /**
     * The final seeds' time: rounds of {@code slots} runs, each of {@code epochsPerRun} epochs at this session's seconds
     * per trained epoch (a trial's wall time over its epochs, measured at the same parallelism); without a trained epoch
     * yet, one trial's share of the elapsed time per run.
     */
    private double finalSeedSeconds(double elapsed) {
        int rounds = (finalSeeds + slots - 1) / slots;
        if (epochsThisSession == 0) return elapsed / doneThisSession * slots * rounds;
        return rounds * epochsPerRun * secondsThisSession / epochsThisSession;
    }

    private void count(TrialRecord trial) {
        done++;
        if (TrialRecord.PRUNED.equals(trial.status())) pruned++;
        if (trial.completed() && trial.validationError() != null && (best == null || trial.validationError() < best)) {
            best = trial.validationError();
            bestTrial = trial.trial();
        }
    }

    private static String minutes(double seconds) {
        return seconds < 90 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
