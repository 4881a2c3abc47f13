package org.dropoutrepro.search;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line per finished trial: the trial's outcome, then trials done / total, pruned so far, the best validation
 * error so far and an ETA from this session's pace (trials recorded before a resume do not count towards it).
 */
final class SearchProgress {

    private final PrintStream out;
    private final int total;
    private final long started = System.nanoTime();
    private int done;
    private int doneThisSession;
    private int pruned;
    private Double best;
    private int bestTrial;

    SearchProgress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** A trial recorded before this session started. */
    void recorded(TrialRecord trial) {
        count(trial);
    }

    synchronized void finished(TrialRecord trial) {
        count(trial);
        doneThisSession++;
        double elapsed = (System.nanoTime() - started) / 1e9;
        int remaining = Math.max(0, total - done);
        String eta = remaining == 0 ? "done" : "ETA " + minutes(elapsed / doneThisSession * remaining);
        out.println(String.format(Locale.ROOT, "trial %d %s%s | %d/%d trials, %d pruned, best %s | %s", trial.trial(), trial.status(),
                trial.validationError() == null ? "" : String.format(Locale.ROOT, " (validation error %.4f)", trial.validationError()),
                done, total, pruned, best == null ? "-" : String.format(Locale.ROOT, "%.4f (trial %d)", best, bestTrial), eta));
    }

    synchronized void message(String text) {
        out.println(text);
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
