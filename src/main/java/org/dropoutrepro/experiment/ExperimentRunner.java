package org.dropoutrepro.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.dropoutrepro.data.DataBundle;
import org.dropoutrepro.data.DataFileException;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.data.FileHash;
import org.dropoutrepro.exec.CheckpointPolicy;
import org.dropoutrepro.exec.DataIdentity;
import org.dropoutrepro.exec.TaskExecutor;
import org.dropoutrepro.exec.TaskExecutors;
import org.dropoutrepro.exec.TaskThreads;
import org.dropoutrepro.exec.TrainingTask;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.results.ExperimentDirs;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.spec.SpecException;
import org.dropoutrepro.train.CheckpointFile;
import org.dropoutrepro.train.RunOutcome;

/**
 * Runs every configuration x seed of an experiment that has not finished yet, as tasks of the execution
 * seam ({@link TaskExecutor}; {@code --parallel N} trains N at once), writing each run's record on this
 * thread as it finishes, so that running the same command again after an interruption resumes where it
 * stopped. Runs in flight keep checkpoints under the experiment directory; a run's checkpoint is deleted once
 * its record is written, and an interrupted run resumes from it.
 */
public final class ExperimentRunner {

    private ExperimentRunner() {
    }

    /** Where results of {@code spec} under {@code profile} go when --out is not given. */
    private static Path defaultOutDir(ExperimentSpec spec, String profile) {
        return ExperimentDirs.defaultDir(spec.name(), profile);
    }

    /** Trains what is missing and returns the experiment directory. */
    public static Path run(ExperimentSpec spec, RunOptions options) throws IOException {
        List<ExperimentSpec.ConfigPoint> configs = spec.configs(options.profile());
        Path dir = options.outDir() != null ? options.outDir() : defaultOutDir(spec, options.profile());
        for (ExperimentSpec.ConfigPoint point : configs) { // every data set read and checked before anything is written
            try {
                DataRegistry.splits(point.config().data(), options.dataDir());
            } catch (DataFileException e) {
                if (e.key() == null) throw e;
                throw new SpecException(spec.whereSet(e.key(), options.profile(), point.variant()), e.key(), e.problem());
            }
        }
        DataBundle firstData = DataRegistry.splits(configs.get(0).config().data(), options.dataDir());
        Manifest manifest = manifest(spec, options.profile(), configs, firstData);
        // the executor first: a bad or unreachable Spark master fails before anything is written
        try (TaskExecutor executor = TaskExecutors.open(options.master(), options.parallel());
             ResultStore store = ResultStore.open(dir)) {
            if (options.fresh()) store.clearRuns();
            List<RunRecord> recorded = ResultStore.readRuns(dir);
            checkResumable(store, manifest, recorded);
            store.writeManifest(manifest);
            Set<String> finished = recorded.stream().map(RunRecord::runId).collect(Collectors.toSet());
            CheckpointPolicy checkpoints = CheckpointPolicy.in(store.checkpointDir(), options.checkpointMinutes());
            List<Pending> pending = new ArrayList<>();
            long iterations = 0;
            for (ExperimentSpec.ConfigPoint point : configs) {
                DataBundle data = DataRegistry.splits(point.config().data(), options.dataDir());
                for (int seed : point.config().training().seeds()) {
                    String runId = RunId.of(point.index(), point.name(), seed);
                    if (finished.contains(runId)) continue;
                    pending.add(new Pending(runId, point, seed, data));
                    int batch = point.config().training().batchSize();
                    iterations += (long) point.config().training().epochs() * ((data.train().size() + batch - 1) / batch)
                            - CheckpointFile.iterationsDone(checkpoints.fileOf(runId)); // a resumed run trains the rest
                }
            }
            int total = finished.size() + pending.size();
            options.out().printf("%s: %d configurations, %d runs (%d already finished) -> %s%n", spec.name(), configs.size(),
                    total, finished.size(), dir);
            Provenance provenance = Provenance.capture(options.command(), dir);
            String dataDir = options.dataDir() == null ? null : options.dataDir().toString();
            for (String runId : finished) CheckpointFile.delete(checkpoints.fileOf(runId)); // killed between record and delete
            try (Progress progress = new Progress(options.out(), iterations, options.terminal())) {
                BlockingQueue<Finished> finishedQueue = new LinkedBlockingQueue<>();
                AtomicInteger started = new AtomicInteger(finished.size());
                for (Pending run : pending) {
                    TrainingTask task = TrainingTask.of(run.runId(), run.point().config(), run.seed(),
                            DataIdentity.of(run.data(), dataDir), true).withCheckpoints(checkpoints);
                    RunFiles files = new RunFiles(store, run.runId(), run.point().config().training().epochs(), progress,
                            () -> progress.startRun(run.runId(), started.incrementAndGet(), total));
                    executor.submit(task, files, List.of(progress)).whenComplete((outcome, error) -> {
                        files.close();
                        finishedQueue.add(new Finished(run, outcome, error));
                    });
                }
                for (int i = 0; i < pending.size(); i++) {
                    Finished done = finishedQueue.take();
                    if (done.error() != null) {
                        executor.close(); // stop the other runs while this directory is still locked, then report
                        throw failure(done);
                    }
                    RunOutcome outcome = done.outcome();
                    Pending run = done.run();
                    if (outcome.divergence() != null) progress.message(run.runId() + " diverged: " + outcome.divergence());
                    store.append(new RunRecord(run.runId(), run.point().index(), run.point().name(), run.point().variant(),
                            run.seed(), outcome.status(), outcome.testError(), outcome.epochs(), outcome.parameterSha256(),
                            outcome.seconds(), outcome.divergence(), provenance, outcome.testMistakes()));
                    CheckpointFile.delete(checkpoints.fileOf(run.runId()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for runs", e);
            }
        }
        return dir;
    }

    private record Finished(Pending run, RunOutcome outcome, Throwable error) {
    }

    /** The exception a run threw, unwrapped from the executor's wrapper, with the run named. */
    private static RuntimeException failure(Finished done) {
        Throwable cause = TaskThreads.cause(done.error());
        if (cause instanceof RuntimeException runtime) return runtime;
        return new IllegalStateException("run " + done.run().runId() + " failed: " + cause, cause);
    }

    private record Pending(String runId, ExperimentSpec.ConfigPoint point, int seed, DataBundle data) {
    }

    private static void checkResumable(ResultStore store, Manifest manifest, List<RunRecord> recorded) throws IOException {
        if (recorded.isEmpty()) return;
        Manifest previous = ResultStore.readManifest(store.dir());
        if (previous == null) return;
        if (!Manifest.trainAlike(previous.configs(), manifest.configs()) || !previous.profile().equals(manifest.profile())) {
            throw new IllegalStateException(store.dir() + " holds results of a different version of this experiment "
                    + "(its configurations or profile changed since they were trained). Run with --fresh to discard them, "
                    + "or write elsewhere with --out DIR.");
        }
        if (!Objects.equals(previous.dataFiles(), manifest.dataFiles())) {
            throw new IllegalStateException(store.dir() + " holds results trained on other data: "
                    + DataIdentity.firstDifference(previous.dataFiles(), manifest.dataFiles())
                    + ". Run with --fresh to discard them, or write elsewhere with --out DIR.");
        }
    }

    static Manifest manifest(ExperimentSpec spec, String profile, List<ExperimentSpec.ConfigPoint> configs, DataBundle data)
            throws IOException {
        List<Manifest.ConfigEntry> entries = new ArrayList<>();
        for (ExperimentSpec.ConfigPoint point : configs) {
            entries.add(new Manifest.ConfigEntry(point.index(), point.name(), point.variant(), point.sweepValues(),
                    point.paperTestErrorPercent(), point.config().values()));
        }
        return new Manifest(spec.name(), spec.description(), spec.sourceFile(), specHash(Path.of(spec.sourceFile())), profile,
                spec.paperSource(), entries, spec.claims(), data.note(), data.files(), data.task(),
                new Manifest.DataSizes(data.train().size(),
                        data.validation() == null ? 0 : data.validation().size(), data.test().size(), data.outputSize()));
    }

    private static String specHash(Path file) {
        return Files.exists(file) ? FileHash.of(file).sha256() : null;
    }
}
