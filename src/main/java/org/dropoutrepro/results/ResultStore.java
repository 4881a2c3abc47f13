package org.dropoutrepro.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.dropoutrepro.train.EpochMetrics;

/**
 * An experiment directory: {@code experiment.json} (the {@link Manifest}), {@code runs.jsonl} (one
 * {@link RunRecord} per finished run, appended and synced as each run ends) and {@code runs/<id>.csv}
 * (per-epoch metrics, flushed as each epoch ends), and {@code checkpoints/<id>.ckpt} while a run trains. An
 * interrupted experiment loses at most the part of a run in flight since its last checkpoint; a line cut short
 * by a crash is dropped when the store is next opened.
 */
public final class ResultStore implements AutoCloseable {

    public static final String MANIFEST = "experiment.json";
    public static final String RUNS = "runs.jsonl";
    public static final String EPOCHS_DIR = "runs";
    /** Checkpoints of runs in flight; each is deleted once its run is recorded. */
    public static final String CHECKPOINTS_DIR = "checkpoints";

    private final Path dir;
    private final ExperimentLock lock;

    private ResultStore(Path dir, ExperimentLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /** Opens {@code dir} for writing: creates it, locks it, and drops a torn last line of {@code runs.jsonl}. */
    public static ResultStore open(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(EPOCHS_DIR));
        ResultStore store = new ResultStore(dir, ExperimentLock.acquire(dir));
        store.repairRuns();
        return store;
    }

    public Path dir() {
        return dir;
    }

    /** The manifest in {@code dir}; an error that says so when {@code dir} is not an experiment directory. */
    public static Manifest requireManifest(Path dir) throws IOException {
        Manifest manifest = readManifest(dir);
        if (manifest == null) throw new IOException(dir + " has no " + MANIFEST + ": not an experiment directory");
        return manifest;
    }

    /** The manifest in {@code dir}, or null when there is none yet. */
    public static Manifest readManifest(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.exists(file)) return null;
        return Json.MAPPER.readValue(file.toFile(), Manifest.class);
    }

    /** Writes the manifest atomically (a temporary file renamed over the old one). */
    public void writeManifest(Manifest manifest) throws IOException {
        Path temporary = dir.resolve(MANIFEST + ".tmp");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), manifest);
        Files.move(temporary, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every finished run recorded in {@code dir}; a last line cut short by a crash is skipped. */
    public static List<RunRecord> readRuns(Path dir) throws IOException {
        Path file = dir.resolve(RUNS);
        List<RunRecord> runs = new ArrayList<>();
        if (!Files.exists(file)) return runs;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                runs.add(Json.MAPPER.readValue(lines.get(i), RunRecord.class));
            } catch (IOException e) {
                if (i == lines.size() - 1) break;
                throw new IOException(file + ":" + (i + 1) + ": not a run record: " + e.getMessage(), e);
            }
        }
        return runs;
    }

    /** Appends a finished run and syncs it to disk before returning. */
    public void append(RunRecord record) throws IOException {
        JsonLines.append(dir.resolve(RUNS), record);
    }

    /**
     * Keeps only complete lines of {@code runs.jsonl}: {@link #append} writes a record and its newline in one
     * write, so what a kill -9 in the middle of it leaves is a last line without a newline, which is cut off.
     */
    private void repairRuns() throws IOException {
        JsonLines.cutTornLine(dir.resolve(RUNS));
    }

    /** Deletes every recorded run, its per-epoch CSV and the checkpoints of unfinished runs, for a fresh start. */
    public void clearRuns() throws IOException {
        Files.deleteIfExists(dir.resolve(RUNS));
        for (String sub : new String[] {EPOCHS_DIR, CHECKPOINTS_DIR}) {
            if (!Files.isDirectory(dir.resolve(sub))) continue;
            try (var files = Files.list(dir.resolve(sub))) {
                for (Path file : files.toList()) Files.delete(file);
            }
        }
    }

    /** Where runs in flight keep their checkpoints. */
    public Path checkpointDir() {
        return dir.resolve(CHECKPOINTS_DIR);
    }

    /** The per-epoch CSV of run {@code runId}: started afresh, one flushed line per epoch. */
    public EpochCsv epochCsv(String runId) throws IOException {
        return new EpochCsv(Files.newBufferedWriter(epochFile(dir, runId), StandardCharsets.UTF_8));
    }

    public static Path epochFile(Path dir, String runId) {
        return dir.resolve(EPOCHS_DIR).resolve(runId + ".csv");
    }

    /** Writes one run's epochs as CSV. */
    public static final class EpochCsv implements AutoCloseable {
        private final BufferedWriter writer;

        EpochCsv(BufferedWriter writer) throws IOException {
            this.writer = writer;
            writer.write("epoch,train_loss,train_error,validation_error,seconds\n");
            writer.flush();
        }

        public void write(EpochMetrics m) {
            try {
                writer.write(m.epoch() + "," + m.trainLoss() + "," + m.trainError() + ","
                        + (m.validationError() == null ? "" : m.validationError()) + "," + m.seconds() + "\n");
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
