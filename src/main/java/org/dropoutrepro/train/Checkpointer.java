package org.dropoutrepro.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Keeps one run's checkpoint in one file (the checkpoint contract of Ray Tune's trainables: the run saves
 * its own state and restores it when started again). The trainer calls it after every minibatch step and
 * after every epoch; it saves at the end of each epoch and, within long epochs, after the step at which
 * {@code intervalSeconds} have passed since the last save (0: at epoch ends only). A checkpoint whose
 * fingerprint is not this run's (the configuration, seed or data changed) is not restored; it is replaced at
 * the next save. Whoever records the finished run deletes the file ({@link CheckpointFile#delete}).
 */
public final class Checkpointer {

    private final Path file;
    private final String fingerprint;
    private final long intervalNanos;
    private long lastSave = System.nanoTime();

    public Checkpointer(Path file, String fingerprint, double intervalSeconds) {
        if (!(intervalSeconds >= 0)) throw new IllegalArgumentException("checkpoint interval must be >= 0 seconds, not " + intervalSeconds);
        this.file = file;
        this.fingerprint = fingerprint;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    public Path file() {
        return file;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** The checkpoint to resume from: this run's last one, or null (none, or one of a different run). */
    Checkpoint resumePoint() {
        try {
            Checkpoint checkpoint = CheckpointFile.read(file);
            return checkpoint != null && checkpoint.fingerprint().equals(fingerprint) ? checkpoint : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage() + " (delete it to train this run from the start)", e);
        }
    }

    /** After a minibatch step: saves when the interval has passed since the last save. */
    void afterStep(Supplier<Checkpoint> state) {
        if (intervalNanos > 0 && System.nanoTime() - lastSave >= intervalNanos) save(state.get());
    }

    /** After an epoch: saves. */
    void afterEpoch(Supplier<Checkpoint> state) {
        save(state.get());
    }

    private void save(Checkpoint checkpoint) {
        try {
            CheckpointFile.write(file, checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
        lastSave = System.nanoTime();
    }
}
