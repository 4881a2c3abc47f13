package org.dropoutrepro.search;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.dropoutrepro.data.DataBundle;
import org.dropoutrepro.data.DataFileException;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.exec.CheckpointPolicy;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.exec.DataIdentity;
import org.dropoutrepro.exec.TaskExecutors;
import org.dropoutrepro.exec.TaskThreads;
import org.dropoutrepro.exec.TaskExecutor;
import org.dropoutrepro.exec.TaskObserver;
import org.dropoutrepro.exec.TrainingTask;
import org.dropoutrepro.train.CheckpointFile;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.SpecException;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunOutcome;
import org.dropoutrepro.train.RunStatus;

/**
 * Runs a search: proposes candidates with Arbiter's generator, trains each as a task of the execution seam (a
 * trial never evaluates the test split), prunes with the median rule, appends every finished trial to
 * {@code trials.jsonl} before the next one starts, then retrains the best configuration with {@code finalSeeds}
 * new seeds, which alone are evaluated on the test split (the paper's Appendix B.1 protocol: choose on
 * validation, report test). Running the same command again resumes: recorded trials are not retrained, the
 * genetic generator is replayed with their results, and the search ends as an uninterrupted one would.
 *
 * <p>Every trial trains with the training seed {@code search.seed} (common random numbers: trials differ by their
 * values only); the final seeds are {@code search.seed + 1 ... search.seed + finalSeeds}.
 */
public final class SearchRunner {

    /**
     * How to run: output directory (null: runs/NAME), data directory override, --fresh, --parallel override, the command line,
     * output, the Spark master (null: in this process) and --rescore-final-seeds.
     */
    public record Options(Path outDir, Path dataDir, boolean fresh, Integer parallel, List<String> command, PrintStream out,
                          String master, boolean rescoreFinalSeeds) {

        /** In this process. */
        public Options(Path outDir, Path dataDir, boolean fresh, Integer parallel, List<String> command, PrintStream out) {
            this(outDir, dataDir, fresh, parallel, command, out, null, false);
        }

        /** On {@code master} (null: in this process), without rescoring final seeds. */
        public Options(Path outDir, Path dataDir, boolean fresh, Integer parallel, List<String> command, PrintStream out, String master) {
            this(outDir, dataDir, fresh, parallel, command, out, master, false);
        }

        boolean onSpark() {
            return master != null && !master.isBlank();
        }
    }

    /** The subdirectory of a search directory that holds the checkpoints of trials and final seeds in flight. */
    static final String CHECKPOINTS = SearchLog.CHECKPOINTS;

    private final SearchSpec search;
    private final RunConfig base;
    private final DataIdentity dataIdentity;
    private final SearchLog log;
    private final TaskExecutor executor;
    private final SearchProgress progress;
    private final CurveBoard board = new CurveBoard();
    private final MedianPruner pruner;
    private final TreeMap<Integer, TrialRecord> done = new TreeMap<>();
    private final BlockingQueue<Finished> finishedQueue = new LinkedBlockingQueue<>();
    private int running;
    /** Where trials and final seeds save their state, so that one killed mid-way resumes from its last checkpoint. */
    private final CheckpointPolicy checkpoints;

    private SearchRunner(SearchDefinition definition, DataIdentity dataIdentity, SearchLog log, TaskExecutor executor,
                         SearchProgress progress, CheckpointPolicy checkpoints) {
        this.search = definition.search();
        this.checkpoints = checkpoints;
        this.base = definition.base();
        this.dataIdentity = dataIdentity;
        this.log = log;
        this.executor = executor;
        this.progress = progress;
        this.pruner = new MedianPruner(search.pruning());
    }

    /**
     * Trains what is missing, writes the report, and returns the search directory. A search in which no trial completed
     * writes its report too (its failures, each with its reason), then ends with an {@link IllegalStateException} that
     * lists them.
     */
    public static Path run(SearchDefinition definition, Options options) throws IOException {
        return run(definition, options, TaskExecutors::open);
    }

    /** As {@link #run(SearchDefinition, Options)}, with the executor opened by {@code executors} (master, slots). */
    static Path run(SearchDefinition definition, Options options, BiFunction<String, Integer, TaskExecutor> executors) throws IOException {
        SearchSpec search = definition.search();
        Path dir = options.outDir() != null ? options.outDir() : definition.defaultDir();
        int slots = options.parallel() != null ? options.parallel() : search.parallel();
        if (slots < 1) throw new IllegalArgumentException("--parallel must be at least 1, not " + slots);
        DataBundle data;
        try {
            data = DataRegistry.splits(definition.base().data(), options.dataDir());
        } catch (DataFileException e) {
            if (e.key() == null) throw e;
            throw new SpecException(definition.spec().whereSet(e.key(), definition.profile(), null), e.key(), e.problem());
        }
        DataIdentity dataIdentity = DataIdentity.of(data, options.dataDir() == null ? null : options.dataDir().toString());
        SearchLog.Identity identity = new SearchLog.Identity(definition.spec().name(), definition.spec().sourceFile(),
                definition.profile(), definition.base().values(), search.describe(), data.files(), data.note(), options.command(),
                search.baseline(), Provenance.capture(options.command(), dir), List.of())
                .withClasses(data.task() == Task.CLASSIFICATION ? data.outputSize() : null);
        int planned = search.plannedTrials();
        if (options.onSpark() && search.pruning().median()) {
            throw new IllegalArgumentException("median pruning needs each trial's epochs as they happen, which a Spark executor "
                    + "reports only when the trial ends: on Spark, set search.pruning to none (or run with --no-pruning)");
        }
        String noTrialCompleted;
        // the executor first: a bad or unreachable Spark master fails before anything is written
        try (TaskExecutor executor = executors.apply(options.master(), slots); SearchLog log = SearchLog.open(dir)) {
            try {
                log.begin(identity, options.fresh());
                SearchProgress progress = new SearchProgress(options.out(), planned, search.finalSeeds(),
                        definition.base().training().epochs(), slots);
                SearchRunner runner = new SearchRunner(definition, dataIdentity, log, executor, progress,
                        CheckpointPolicy.in(dir.resolve(CHECKPOINTS), CheckpointPolicy.DEFAULT_MINUTES));
                options.out().printf("%s: %s search, %d trials (%d at once), %s -> %s%n", definition.spec().name(),
                        search.method().name().toLowerCase(java.util.Locale.ROOT), planned, slots,
                        search.pruning().median() ? "median pruning from epoch " + search.pruning().startEpoch() : "no pruning", dir);
                runner.trials(planned);
                noTrialCompleted = runner.noTrialCompleted();
                if (noTrialCompleted == null) runner.finalSeeds(options.rescoreFinalSeeds() ? identity.classes() : null);
            } finally {
                executor.close(); // whatever ends the search, trials stop while the directory is still locked
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for trials", e);
        }
        SearchReport.write(dir);
        if (noTrialCompleted != null) throw new IllegalStateException(noTrialCompleted);
        return dir;
    }

    private record Finished(int trial, CandidateSource.Proposal proposal, TrialObserver observer, RunOutcome outcome,
                            Throwable error) {
    }

    private void trials(int planned) throws IOException, InterruptedException {
        for (TrialRecord recorded : SearchLog.readTrials(log.dir())) {
            done.put(recorded.trial(), recorded);
            board.end(recorded.trial(), curve(recorded.epochs()));
            progress.recorded(recorded);
        }
        // a wall-clock limit spans invocations: the recorded trials' time counts (spread over the slots that train at once)
        double secondsSpent = done.values().stream().mapToDouble(TrialRecord::seconds).sum() / executor.slots();
        if (!done.isEmpty()) {
            progress.message(done.size() + " trials already recorded; resuming" + (search.maxMinutes() == null ? ""
                    : String.format(java.util.Locale.ROOT, " (%.1f of the %s-minute time limit spent on them)", secondsSpent / 60,
                    SearchSpecParser.fmt(search.maxMinutes()))));
        }
        CandidateSource source = CandidateSource.create(search);
        SearchLog.TimeLimitStop recordedStop = SearchLog.readIdentity(log.dir()).timeLimitStop();
        Termination termination = new Termination(planned, search.maxMinutes(), secondsSpent, done.isEmpty() ? 0 : done.lastKey(),
                recordedStop);
        int reported = 0;
        String stop;
        while ((stop = termination.reached()) == null && source.hasNext()) {
            int trial = termination.numCandidatesTotal() + 1;
            if (source.usesResults()) {
                // the genetic generator proposes trial i knowing the results of trials 1 .. i - parallel (the spec's), in order
                while (reported < trial - search.parallel()) {
                    TrialRecord earlier = awaitTrial(reported + 1);
                    source.report(earlier.genes(), earlier.completed() || TrialRecord.PRUNED.equals(earlier.status())
                            ? earlier.validationError() : null);
                    reported++;
                }
            }
            CandidateSource.Proposal proposal = source.next();
            termination.proposed();
            TrialRecord recorded = done.get(proposal.trial());
            if (recorded != null) {
                if (!Arrays.equals(recorded.genes(), proposal.genes())) {
                    throw new IllegalStateException("trial " + proposal.trial() + " in " + log.dir().resolve(SearchLog.TRIALS)
                            + " was proposed with other values than the generator proposes now: the log is not from this search; "
                            + "run with --fresh or --out DIR");
                }
                continue;
            }
            while (running >= executor.slots()) handle(finishedQueue.take());
            start(proposal);
        }
        while (running > 0) handle(finishedQueue.take());
        SearchLog.TimeLimitStop timeStop = stop == null ? null : termination.stoppedByTime();
        if (timeStop != null) {
            // every trial proposed has finished: a later invocation proposes none past it unless the limit is raised
            if (!timeStop.equals(recordedStop)) log.recordTimeLimitStop(timeStop);
            progress.message("stopped proposing trials: " + stop);
        } else if (recordedStop != null && termination.numCandidatesTotal() > recordedStop.afterTrial()) {
            log.recordTimeLimitStop(null); // a raised limit went past the old stop: it no longer says where the search ends
        }
    }

    private TrialRecord awaitTrial(int trial) throws IOException, InterruptedException {
        while (!done.containsKey(trial)) handle(finishedQueue.take());
        return done.get(trial);
    }

    private void start(CandidateSource.Proposal proposal) throws IOException {
        int trial = proposal.trial();
        if (proposal.error() != null) {
            record(failed(proposal, "the search space could not produce values: " + proposal.error(), List.of()));
            return;
        }
        RunConfig config;
        try {
            config = base.withOverrides(proposal.values(), "trial " + trial);
        } catch (SpecException e) {
            record(failed(proposal, e.getMessage(), List.of()));
            return;
        }
        board.register(trial);
        TrialObserver observer = new TrialObserver(trial, config.training().epochs());
        TrainingTask task = TrainingTask.of(trialTaskId(trial), config, search.seed(), dataIdentity, false).withCheckpoints(checkpoints);
        running++;
        executor.submit(task, observer, List.of()).whenComplete((outcome, error) -> {
            board.end(trial, null);
            finishedQueue.add(new Finished(trial, proposal, observer, outcome, error));
        });
    }

    private void handle(Finished finished) throws IOException {
        running--;
        CandidateSource.Proposal proposal = finished.proposal();
        if (finished.error() != null) {
            // the epochs it trained are on the board, where later trials were pruned against them: the record keeps them
            record(failed(proposal, rootMessage(finished.error()), finished.observer().seen()));
            return;
        }
        RunOutcome outcome = finished.outcome();
        String status = switch (outcome.status()) {
            case COMPLETED -> TrialRecord.COMPLETED;
            case DIVERGED -> TrialRecord.DIVERGED;
            case STOPPED -> TrialRecord.PRUNED;
        };
        String reason = outcome.status() == RunStatus.DIVERGED ? outcome.divergence()
                : outcome.status() == RunStatus.STOPPED ? finished.observer().pruneReason : null;
        record(new TrialRecord(proposal.trial(), status, canonical(proposal.values()), lastValidation(outcome.epochs()),
                outcome.epochs(), search.seed(), outcome.seconds(), reason, proposal.genes(), outcome.parameterSha256()));
    }

    private static String trialTaskId(int trial) {
        return "trial-" + trial;
    }

    private void record(TrialRecord record) throws IOException {
        log.append(record);
        CheckpointFile.delete(checkpoints.fileOf(trialTaskId(record.trial())));
        done.put(record.trial(), record);
        progress.finished(record);
    }

    /**
     * A trial that could not train or threw while training, with the epochs it finished before ({@code epochs}, as its
     * observer saw them): a resumed search puts them on the board as the live one did, so that later trials are pruned
     * against the same curves. It has no objective.
     */
    private TrialRecord failed(CandidateSource.Proposal proposal, String reason, List<EpochMetrics> epochs) {
        Map<String, Object> values = proposal.values() == null ? Map.of() : proposal.values();
        double seconds = epochs.stream().mapToDouble(EpochMetrics::seconds).sum();
        return new TrialRecord(proposal.trial(), TrialRecord.FAILED, new LinkedHashMap<>(values), null, List.copyOf(epochs), search.seed(),
                seconds, reason, proposal.genes(), null);
    }

    /** The sampled values as the configuration resolved them (e.g. 3 for max-norm becomes 3.0). */
    private Map<String, Object> canonical(Map<String, Object> values) {
        Map<String, Object> resolved = base.withOverrides(values, "trial").values();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : values.keySet()) out.put(key, resolved.get(key));
        return out;
    }

    /** The best completed trial: lowest objective, the lower trial number on a tie. */
    static TrialRecord best(List<TrialRecord> trials) {
        return trials.stream().filter(t -> t.completed() && t.validationError() != null && !t.validationError().isNaN())
                .min((a, b) -> a.validationError().equals(b.validationError()) ? Integer.compare(a.trial(), b.trial())
                        : Double.compare(a.validationError(), b.validationError())).orElse(null);
    }

    /** The error that ends a search in which no trial completed, listing the first trials and their reasons; null if one did. */
    private String noTrialCompleted() {
        List<TrialRecord> trials = new ArrayList<>(done.values());
        if (best(trials) != null) return null;
        String reasons = trials.stream().map(t -> "trial " + t.trial() + " " + t.status() + (t.reason() == null ? "" : ": " + t.reason()))
                .limit(5).collect(Collectors.joining("; "));
        return "no trial of the search completed (" + trials.size() + " trials: " + reasons
                + "). Check the base configuration and the ranges in search.space; the report lists every trial: "
                + log.dir().resolve("REPORT.md");
    }

    /**
     * Retrains the best trial with the final seeds not yet recorded (or recorded as failed); there is a best trial. With
     * {@code rescoreClasses} (the classes of a classification task; null: no rescoring), completed seeds recorded before
     * their misclassified test examples were kept are trained again too, so that they can be paired with another search's
     * ({@code --rescore-final-seeds}); the new record follows the old one in {@code final.jsonl} and is the one read.
     */
    private void finalSeeds(Integer rescoreClasses) throws IOException, InterruptedException {
        TrialRecord best = best(new ArrayList<>(done.values()));
        if (search.finalSeeds() == 0) return;
        RunConfig config = base.withOverrides(best.values(), "best trial " + best.trial());
        // a seed recorded as failed threw (out of memory, a lost executor): trained again; a diverged one is an outcome
        List<FinalSeedRecord> recorded = SearchLog.finalsOf(log.dir(), best.trial());
        java.util.function.Predicate<FinalSeedRecord> unscored = f -> rescoreClasses != null && f.testError() != null && f.testMistakes() == null;
        List<Integer> settledSeeds = recorded.stream().filter(f -> !f.failed() && !unscored.test(f)).map(FinalSeedRecord::seed).toList();
        List<Integer> failedSeeds = recorded.stream().filter(FinalSeedRecord::failed).map(FinalSeedRecord::seed).toList();
        List<Integer> rescored = recorded.stream().filter(unscored).map(FinalSeedRecord::seed).toList();
        List<Integer> seeds = new ArrayList<>();
        for (int i = 1; i <= search.finalSeeds(); i++) if (!settledSeeds.contains(search.seed() + i)) seeds.add(search.seed() + i);
        if (seeds.isEmpty()) return;
        progress.message("best: trial " + best.trial() + " " + best.values() + "; retraining it with " + seeds.size() + " new seeds "
                + "and evaluating on the test split" + (failedSeeds.isEmpty() ? "" : " (seeds " + failedSeeds + " again: they failed before)")
                + (rescored.isEmpty() ? "" : " (seeds " + rescored + " again: to record which test examples they misclassify)"));
        BlockingQueue<FinalSeedResult> results = new LinkedBlockingQueue<>();
        for (int seed : seeds) {
            TrainingTask task = TrainingTask.of(finalTaskId(seed), config, seed, dataIdentity, true).withCheckpoints(checkpoints);
            executor.submit(task, TaskObserver.NONE, List.of())
                    .whenComplete((outcome, error) -> results.add(new FinalSeedResult(seed, outcome, error)));
        }
        for (int i = 0; i < seeds.size(); i++) {
            FinalSeedResult result = results.take();
            int seed = result.seed();
            RunOutcome outcome = result.outcome();
            FinalSeedRecord record = result.error() != null
                    ? new FinalSeedRecord(best.trial(), seed, TrialRecord.FAILED, null, null, List.of(), 0, rootMessage(result.error()), null)
                    : new FinalSeedRecord(best.trial(), seed, outcome.status().name().toLowerCase(java.util.Locale.ROOT), outcome.testError(),
                    lastValidation(outcome.epochs()), outcome.epochs(), outcome.seconds(), outcome.divergence(), outcome.parameterSha256(),
                    outcome.testMistakes());
            log.append(record);
            CheckpointFile.delete(checkpoints.fileOf(finalTaskId(seed)));
            progress.message(String.format(java.util.Locale.ROOT, "final seed %d: %s, test error %s", seed, record.status(),
                    SearchReport.fmt(record.testError())));
        }
    }

    /** What a final seed's task handed back: its outcome, or what it threw. */
    private record FinalSeedResult(int seed, RunOutcome outcome, Throwable error) {
    }

    private static String finalTaskId(int seed) {
        return "final-seed-" + seed;
    }

    private static Double lastValidation(List<EpochMetrics> epochs) {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).validationError();
    }

    private static List<Double> curve(List<EpochMetrics> epochs) {
        return epochs.stream().map(EpochMetrics::validationError).toList();
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = TaskThreads.cause(error);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * Follows one trial's epochs: publishes its validation curve and applies the pruning rule after each epoch but the
     * last; keeps the epochs it saw, for the record of a trial that throws before it ends.
     */
    private final class TrialObserver implements TaskObserver {
        private final int trial;
        private final int epochs;
        private final List<Double> curve = new ArrayList<>();
        private final List<EpochMetrics> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile String pruneReason;

        TrialObserver(int trial, int epochs) {
            this.trial = trial;
            this.epochs = epochs;
        }

        /** The epochs reported so far, in order (a resumed trial's restored ones first). */
        List<EpochMetrics> seen() {
            return List.copyOf(seen);
        }

        @Override
        public boolean epochDone(EpochMetrics metrics) {
            seen.add(metrics);
            curve.add(metrics.validationError());
            board.epoch(trial, metrics.validationError());
            if (!pruner.active() || metrics.epoch() >= epochs) return true;
            try {
                MedianPruner.Decision decision = pruner.decide(curve, metrics.epoch(), board.lowerTrialsAt(trial, metrics.epoch()));
                if (decision.prune()) {
                    pruneReason = decision.reason(metrics.epoch());
                    return false;
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for earlier trials' epoch " + metrics.epoch(), e);
            }
        }
    }
}
