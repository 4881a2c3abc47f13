package org.dropoutrepro.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.dropoutrepro.exec.TaskObserver;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.train.EpochMetrics;

/**
 * What a run of an experiment leaves while it trains: its per-epoch CSV under {@code runs/}, started when
 * the run starts, and its epochs on the progress display. Never stops a run.
 */
final class RunFiles implements TaskObserver {

    private final ResultStore store;
    private final String runId;
    private final int epochs;
    private final Progress progress;
    private final Runnable onStart;
    private ResultStore.EpochCsv csv;

    RunFiles(ResultStore store, String runId, int epochs, Progress progress, Runnable onStart) {
        this.store = store;
        this.runId = runId;
        this.epochs = epochs;
        this.progress = progress;
        this.onStart = onStart;
    }

    @Override
    public synchronized void started() {
        onStart.run();
        try {
            csv = store.epochCsv(runId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void resumed(int epochsDone, int batchesDone) {
        progress.message(runId + ": resuming from its checkpoint after " + epochsDone + " epochs"
                + (batchesDone > 0 ? " and " + batchesDone + " minibatches" : ""));
    }

    @Override
    public synchronized boolean epochDone(EpochMetrics metrics) {
        csv.write(metrics);
        progress.epochDone(runId, metrics, epochs);
        return true;
    }

    /** Closes the CSV, if the run started. */
    synchronized void close() {
        if (csv == null) return;
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        csv = null;
    }
}
