package org.dropoutrepro.experiment;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dropoutrepro.train.EpochMetrics;

/**
 * Shows an experiment's progress: on a terminal, a bar over all minibatches still to train with an ETA;
 * elsewhere (CI, a log file), one plain line per epoch. Receives minibatches as a DL4J listener. Safe to
 * share between runs that train at once.
 */
final class Progress extends BaseTrainingListener implements AutoCloseable {

    /** Without a terminal, at most about this many epoch lines per run. */
    private static final int PLAIN_LINES_PER_RUN = 20;

    private final PrintStream out;
    private final ProgressBar bar;

    Progress(PrintStream out, long totalIterations, boolean terminal) {
        this.out = out;
        this.bar = terminal && totalIterations > 0 ? new ProgressBarBuilder().setTaskName("training")
                .setInitialMax(totalIterations).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500).build() : null;
    }

    synchronized void startRun(String id, int index, int total) {
        if (bar != null) {
            bar.setExtraMessage(" run " + index + "/" + total + " " + id);
        } else {
            out.printf("[%d/%d] %s%n", index, total, id);
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (bar != null) bar.step();
    }

    synchronized void epochDone(String runId, EpochMetrics metrics, int epochs) {
        String line = String.format(Locale.ROOT, "%s epoch %d/%d  loss %.4f  train error %.4f  validation error %s  (%.1f s)",
                runId, metrics.epoch(), epochs, metrics.trainLoss(), metrics.trainError(),
                metrics.validationError() == null ? "-" : String.format(Locale.ROOT, "%.4f", metrics.validationError()),
                metrics.seconds());
        if (bar != null) {
            bar.setExtraMessage(" " + line);
        } else if (metrics.epoch() % Math.max(1, epochs / PLAIN_LINES_PER_RUN) == 0 || metrics.epoch() == epochs) {
            out.println("  " + line);
        }
    }

    synchronized void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(" " + text);
        } else {
            out.println(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
