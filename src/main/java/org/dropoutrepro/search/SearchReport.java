package org.dropoutrepro.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.results.ExperimentDirs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dropoutrepro.report.Stats;
import org.dropoutrepro.spec.RunConfig;

/**
 * Renders a search directory from its files alone ({@code search.json}, {@code trials.jsonl}, {@code final.jsonl}):
 * {@code REPORT.md}, {@code trials.csv}, {@code best.yaml} and the plots. Follows Google's tuning playbook: selection
 * on validation only, a warning when the best value sits at the edge of its range, and the best trial re-run over
 * new seeds to separate seed-to-seed from trial-to-trial variance (the gap between the search's validation
 * estimate and the final seeds' shows the selection bias). Appendix A's section is {@link AppendixA}'s, the
 * comparison with the same search without pruning {@link PruningComparison}'s.
 */
public final class SearchReport {

    /** The directory of the same search without pruning is this one's name plus this suffix. */
    public static final String NO_PRUNING_SUFFIX = "-nopruning";

    /** A best value within this fraction of either end of its range draws a warning. */
    static final double EDGE = 0.10;

    /** The parameter-importance bar chart, drawn when importance can be computed. */
    static final String IMPORTANCE_PLOT = "importance.svg";

    private SearchReport() {
    }

    /** Whether {@code dir} is a search directory. */
    public static boolean isSearch(Path dir) {
        return Files.exists(dir.resolve(SearchLog.IDENTITY));
    }

    /** Renders everything from the files in {@code dir}, and returns the report's path. */
    public static Path write(Path dir) throws IOException {
        SearchLog.Identity identity = SearchLog.readIdentity(dir);
        if (identity == null) throw new IOException(dir + " has no " + SearchLog.IDENTITY + ": not a search directory");
        List<TrialRecord> trials = new ArrayList<>(SearchLog.readTrials(dir));
        trials.sort(Comparator.comparingInt(TrialRecord::trial));
        TrialRecord best = SearchRunner.best(trials);
        List<FinalSeedRecord> finals = finalsOf(dir, best);
        int finalLines = SearchLog.readFinals(dir).size();
        Map<String, Map<String, Object>> space = space(identity);
        writeCsv(dir.resolve("trials.csv"), trials, space.keySet());
        RunConfig base = RunConfig.defaults().withOverrides(identity.base(), SearchLog.IDENTITY);
        String regenerate = String.join(" ", identity.command())
                + (identity.command().contains("--out") ? "" : ExperimentDirs.outOption(dir, identity.name(), identity.profile()));
        if (best != null) {
            List<Integer> seeds = finals.isEmpty() ? List.of(best.seed()) : finals.stream().map(FinalSeedRecord::seed).toList();
            BestSpec.write(dir.resolve("best.yaml"), identity.name(), best, base.withOverrides(best.values(), "best trial").values(),
                    seeds, regenerate);
        }
        Map<String, Double> importance = ranked(Importance.of(learned(trials, identity.classes()), features(space), 1));
        List<String> plots = plots(dir, trials, best, space, importance, learned(trials, identity.classes()).size());
        Files.writeString(dir.resolve("REPORT.md"), markdown(dir, identity, base, trials, best, finals, finalLines, space, importance, plots,
                regenerate), StandardCharsets.UTF_8);
        return dir.resolve("REPORT.md");
    }

    /** What the scoreboard reads from search directories: their Appendix A claims and whether they are in progress. */
    public static final org.dropoutrepro.report.Scoreboard.OtherReports SCOREBOARD = new org.dropoutrepro.report.Scoreboard.OtherReports() {
        @Override
        public String unfinished(Path dir) throws IOException {
            return progressNote(dir);
        }

        @Override
        public List<org.dropoutrepro.report.Scoreboard.Claim> claims(Path dir) throws IOException {
            SearchLog.Identity identity = SearchLog.readIdentity(dir);
            if (identity == null || PruningComparison.isComparisonOf(dir)) return List.of(); // its search's rows say it
            List<TrialRecord> trials = SearchLog.readTrials(dir);
            RunConfig base = RunConfig.defaults().withOverrides(identity.base(), SearchLog.IDENTITY);
            TrialRecord best = SearchRunner.best(trials);
            List<FinalSeedRecord> finals = finalsOf(dir, best);
            List<org.dropoutrepro.report.Scoreboard.Claim> claims = new ArrayList<>(AppendixA.claims(identity, base, trials, best, finals,
                    space(identity)));
            TunedComparison.Result tuned = TunedComparison.of(identity, base, best, finals);
            if (tuned != null) claims.add(tuned.claim());
            return claims;
        }
    };

    /**
     * What a search directory still lacks, as a sentence ({@code null} when the search has finished): trials short of those
     * asked (unless the time limit in force stopped the search: a search killed before its limit is in progress; a grid's
     * size is not checked), and final seeds short of
     * {@code search.finalSeeds} (a seed whose last record is {@code failed} is short: the same command trains it again; a
     * diverged one is not). The index marks such a report, and the report says so at its top.
     */
    public static String progressNote(Path dir) throws IOException {
        SearchLog.Identity identity = SearchLog.readIdentity(dir);
        if (identity == null) return null;
        List<TrialRecord> trials = SearchLog.readTrials(dir);
        TrialRecord best = SearchRunner.best(trials);
        return progressNote(identity, trials, best, finalsOf(dir, best));
    }

    /** The final seeds recorded in {@code dir} that retrain {@code best}, one per seed in seed order (none without a best trial). */
    private static List<FinalSeedRecord> finalsOf(Path dir, TrialRecord best) throws IOException {
        return best == null ? List.of() : SearchLog.finalsOf(dir, best.trial());
    }

    static String progressNote(SearchLog.Identity identity, List<TrialRecord> trials, TrialRecord best, List<FinalSeedRecord> finals) {
        Map<String, Object> search = identity.search();
        int asked = ((Number) search.get("trials")).intValue();
        int finalsAsked = search.get("finalSeeds") == null ? 0 : ((Number) search.get("finalSeeds")).intValue();
        long finalsDone = finals.stream().filter(f -> !f.failed()).count(); // a failed seed is trained again by the same command
        boolean trialsShort = trialsShort(identity, trials);
        boolean finalsShort = best != null && finalsDone < finalsAsked;
        if (!trialsShort && !finalsShort) return null;
        String trialsText = trialsShort ? trials.size() + " of " + asked + " trials" : "all " + trials.size() + " trials";
        return finalsAsked == 0 ? trialsText + " are recorded."
                : trialsText + " and " + finalsDone + " of " + finalsAsked + " final seeds are recorded.";
    }

    /** Whether trials are still to come: fewer recorded than asked, unless a grid's points or the time limit ended the search. */
    private static boolean trialsShort(SearchLog.Identity identity, List<TrialRecord> trials) {
        Map<String, Object> search = identity.search();
        return !"grid".equals(search.get("method")) && !identity.stoppedByTimeLimit()
                && trials.size() < ((Number) search.get("trials")).intValue();
    }

    /**
     * The invocations that resumed the search and then trained something (one killed before its first record, or one
     * that found the search finished and only re-rendered it, did not), each with its date, machine, BLAS and commit;
     * and a note when two of the machines differ (their trials agree in meaning, not in their last bits or their
     * seconds), or when a bare CPU name leaves that unknown.
     */
    static void appendResumptions(StringBuilder md, SearchLog.Identity identity, int trials, int finals) {
        List<SearchLog.Resumption> resumptions = identity.resumptions() == null ? List.of() : identity.resumptions();
        List<SearchLog.Resumption> trained = new java.util.ArrayList<>();
        for (int i = 0; i < resumptions.size(); i++) { // it trained if more was recorded when the next one began (or now)
            SearchLog.Resumption r = resumptions.get(i);
            int trialsAfter = i + 1 < resumptions.size() ? resumptions.get(i + 1).trialsBefore() : trials;
            int finalsAfter = i + 1 < resumptions.size() ? resumptions.get(i + 1).finalSeedsBefore() : finals;
            if (r.provenance() != null && (r.trialsBefore() < trialsAfter || r.finalSeedsBefore() < finalsAfter)) trained.add(r);
        }
        if (trained.isEmpty()) return;
        md.append("- Resumed ").append(trained.size() == 1 ? "once" : trained.size() + " times").append(": ");
        md.append(trained.stream().map(r -> r.provenance().recordedAt().substring(0, Math.min(10, r.provenance().recordedAt().length()))
                + " with " + r.trialsBefore() + " trials and " + r.finalSeedsBefore() + " final seeds recorded, on "
                + r.provenance().machine() + ", git " + shortCommit(r.provenance().gitCommit())
                + (Boolean.TRUE.equals(r.provenance().gitDirty()) ? " (dirty)" : "")).collect(Collectors.joining("; "))).append('\n');
        Provenance first = identity.provenance();
        if (first == null) return;
        List<Provenance> machines = new java.util.ArrayList<>(List.of(first));
        trained.forEach(r -> machines.add(r.provenance()));
        List<Boolean> same = new java.util.ArrayList<>(); // every pair: two full descriptions can differ where each matches a bare one
        for (int i = 0; i < machines.size(); i++) {
            for (int j = i + 1; j < machines.size(); j++) same.add(Provenance.sameMachine(machines.get(i), machines.get(j)));
        }
        if (same.contains(Boolean.FALSE)) {
            md.append("- **Trained on more than one machine** (first: ").append(first.machine()).append("). A trial trained on another CPU "
                    + "or BLAS computes the same configuration with sums grouped differently: its validation error agrees with the "
                    + "others in meaning, not in its last bits, and its seconds are another machine's.\n");
        } else if (same.contains(null)) {
            md.append("- The first invocation recorded its CPU by name only (").append(first.cpuModel()).append("), which can cover CPUs "
                    + "with different BLAS kernels: whether later trials ran on the same kind of CPU is not known.\n");
        }
    }

    private static String shortCommit(String commit) {
        return commit == null ? "unknown" : commit.substring(0, Math.min(10, commit.length()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> space(SearchLog.Identity identity) {
        return (Map<String, Map<String, Object>>) identity.search().get("space");
    }

    private static boolean isLog(Map<String, Object> dimension) {
        return "log".equals(dimension.get("scale"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listed(Map<String, Object> dimension) {
        return (List<Object>) dimension.get("values");
    }

    private static SearchCharts.Axis axis(String key, Map<String, Object> dimension) {
        List<Object> values = listed(dimension);
        return new SearchCharts.Axis(key, isLog(dimension), values == null ? null : values.stream().map(String::valueOf).toList());
    }

    private static List<Importance.Feature> features(Map<String, Map<String, Object>> space) {
        List<Importance.Feature> features = new ArrayList<>();
        space.forEach((key, dim) -> features.add(new Importance.Feature(key, isLog(dim), listed(dim))));
        return features;
    }

    /**
     * Whether a completed trial did not learn: stuck at chance, its final training error (measured without dropout) at
     * least {@value #CHANCE_FRACTION} of the chance error 1 - 1/K of a classification task with {@code classes} = K (the
     * first rule of the experiments' report). Such a trial measures a training failure (a learning rate too large, say),
     * not how good its values are near a working configuration; null {@code classes} (regression, or a search recorded
     * before the count was): not judged.
     */
    static boolean notLearned(TrialRecord trial, Integer classes) {
        return trial.completed() && stuckAtChance(trial.epochs(), classes);
    }

    /** Whether {@code epochs} end with a training error at least {@link #CHANCE_FRACTION} of chance for {@code classes}. */
    static boolean stuckAtChance(List<org.dropoutrepro.train.EpochMetrics> epochs, Integer classes) {
        if (classes == null || classes < 2 || epochs.isEmpty()) return false;
        double finalTrainError = epochs.get(epochs.size() - 1).trainError();
        return !Double.isNaN(finalTrainError) && finalTrainError >= CHANCE_FRACTION * (1 - 1.0 / classes);
    }

    static final double CHANCE_FRACTION = 0.9;

    /** The completed trials that learned: what parameter importance is fitted to (diverged and failed ones are not either). */
    static List<TrialRecord> learned(List<TrialRecord> trials, Integer classes) {
        return completed(trials).stream().filter(t -> !notLearned(t, classes)).toList();
    }

    static List<TrialRecord> completed(List<TrialRecord> trials) {
        return trials.stream().filter(t -> t.completed() && t.validationError() != null).toList();
    }

    private static List<String> plots(Path dir, List<TrialRecord> trials, TrialRecord best, Map<String, Map<String, Object>> space,
                                      Map<String, Double> importance, int importanceTrials) throws IOException {
        List<String> files = new ArrayList<>();
        SearchCharts.history(dir.resolve("history.svg"), trials);
        files.add("history.svg");
        for (Map.Entry<String, Map<String, Object>> entry : space.entrySet()) {
            String name = "slice-" + entry.getKey().replace('.', '-') + ".svg";
            SearchCharts.slice(dir.resolve(name), axis(entry.getKey(), entry.getValue()), listed(entry.getValue()), trials);
            files.add(name);
        }
        List<String> ranked = rankedByImportance(importance, space);
        Files.deleteIfExists(dir.resolve("heatmap.svg"));
        if (ranked.size() >= 2 && !completed(trials).isEmpty()) { // it colours completed trials: none, no plot
            String x = ranked.get(0);
            String y = ranked.get(1);
            SearchCharts.heatMap(dir.resolve("heatmap.svg"), axis(x, space.get(x)), listed(space.get(x)), axis(y, space.get(y)),
                    listed(space.get(y)), trials);
            files.add("heatmap.svg");
        }
        SearchCharts.curves(dir.resolve("curves.svg"), trials, best);
        files.add("curves.svg");
        Files.deleteIfExists(dir.resolve(IMPORTANCE_PLOT));
        if (!importance.isEmpty()) {
            ImportanceChart.write(dir.resolve(IMPORTANCE_PLOT), importance, importanceTrials);
            files.add(IMPORTANCE_PLOT);
        }
        return files;
    }

    /** {@code importance} in the order of its values, highest first, the order every table and plot of it uses. */
    private static Map<String, Double> ranked(Map<String, Double> importance) {
        Map<String, Double> out = new LinkedHashMap<>();
        importance.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The keys by importance (highest first); in space order when importance cannot be computed. */
    private static List<String> rankedByImportance(Map<String, Double> importance, Map<String, Map<String, Object>> space) {
        return new ArrayList<>(importance.isEmpty() ? space.keySet() : importance.keySet());
    }

    private static void writeCsv(Path file, List<TrialRecord> trials, Iterable<String> keys) throws IOException {
        StringBuilder out = new StringBuilder("trial,status,validation_error,epochs,seconds,seed");
        for (String key : keys) out.append(',').append(key);
        out.append(",reason\n");
        for (TrialRecord t : trials) {
            out.append(t.trial()).append(',').append(t.status()).append(',').append(t.validationError() == null ? "" : t.validationError())
                    .append(',').append(t.epochs().size()).append(',').append(String.format(Locale.ROOT, "%.2f", t.seconds()))
                    .append(',').append(t.seed());
            for (String key : keys) out.append(',').append(csv(String.valueOf(t.values().get(key))));
            out.append(',').append(t.reason() == null ? "" : csv(t.reason())).append('\n');
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String markdown(Path dir, SearchLog.Identity identity, RunConfig base, List<TrialRecord> trials, TrialRecord best,
                                   List<FinalSeedRecord> finals, int finalLines, Map<String, Map<String, Object>> space,
                                   Map<String, Double> importance, List<String> plots, String regenerate) throws IOException {
        Map<String, Object> search = identity.search();
        StringBuilder md = new StringBuilder();
        md.append("# Search: ").append(identity.name()).append(PruningComparison.isComparisonOf(dir)
                ? " without pruning (the measure of what pruning saved in `" + dir.resolveSibling(dir.getFileName().toString()
                .replace(NO_PRUNING_SUFFIX, "")).getFileName() + "`)" : "").append("\n\n");
        md.append("Generated by `").append(regenerate).append("`; the same command resumes an interrupted search and re-renders this "
                + "report (`./dropout report ").append(dir).append("` re-renders it without training). Do not edit.\n\n");
        String unfinished = progressNote(identity, trials, best, finals);
        if (unfinished != null) {
            md.append("> **In progress:** ").append(unfinished).append(" The same command resumes it. ").append(trialsShort(identity, trials)
                    ? "Everything below is provisional: the best trial, its values, the final seeds and any verdict can still change.\n\n"
                    : "The trials are complete, so the best trial and its values are final; the final seeds' numbers, and any verdict "
                    + "that reads them, can still change.\n\n");
        }
        Provenance provenance = identity.provenance();
        if (provenance != null && Boolean.TRUE.equals(provenance.gitDirty())) {
            md.append("> **Warning:** trained on uncommitted code (git ").append(shortCommit(provenance.gitCommit()))
                    .append(" with changes): these results may not be reproducible from any commit.\n\n");
        }
        md.append("## What was searched\n");
        md.append("- Spec: `").append(identity.specFile()).append("`, profile `").append(identity.profile()).append("`\n");
        md.append("- Data: ").append(identity.dataNote()).append("\n");
        md.append("- Machine and code: ").append(provenance == null ? "not recorded (a search from before provenance was recorded)"
                : provenance.cpuModel() + ", " + provenance.availableProcessors() + " threads; Java " + provenance.java() + "; DL4J "
                + provenance.libraries().get("deeplearning4j-nn") + " (BLAS " + provenance.blas() + "); git "
                + shortCommit(provenance.gitCommit()) + (Boolean.TRUE.equals(provenance.gitDirty()) ? " (dirty)" : "")).append("\n");
        appendResumptions(md, identity, trials.size(), finalLines);
        md.append("- Method: Arbiter's ").append(search.get("method")).append(" generator, seed ").append(search.get("seed"))
                .append("; ").append(trials.size()).append(trials.size() == 1 ? " trial finished of " : " trials finished of ").append(search.get("trials")).append(" asked")
                .append(search.get("maxMinutes") == null ? "" : " (time limit " + search.get("maxMinutes") + " minutes"
                        + (identity.stoppedByTimeLimit() ? ", which stopped the search after trial " + identity.timeLimitStop().afterTrial()
                        + "; a wall-clock limit makes the trial count depend on the machine's speed" : "") + ")").append('\n');
        md.append("- Pruning: ").append(pruningText(search)).append('\n');
        md.append("- Objective: the validation error after the last epoch (lower is better), on the held-out validation split; "
                + "trials never read the test split. Every trial trains with training seed ").append(search.get("seed"))
                .append(" (common random numbers).\n");
        Map<String, Object> defaults = RunConfig.defaults().values();
        md.append("- Base configuration (keys not at their default): ").append(identity.base().entrySet().stream()
                .filter(e -> !space.containsKey(e.getKey()) && !e.getKey().equals("training.seeds")
                        && !java.util.Objects.equals(String.valueOf(defaults.get(e.getKey())), String.valueOf(e.getValue())))
                .map(e -> "`" + e.getKey() + "`=" + e.getValue()).collect(Collectors.joining(", "))).append("\n\n");
        md.append("| key | searched over | scale |\n| --- | --- | --- |\n");
        space.forEach((key, dim) -> md.append("| `").append(key).append("` | ")
                .append(listed(dim) != null ? listed(dim).toString() : "[" + dim.get("min") + ", " + dim.get("max") + "]")
                .append(" | ").append(dim.get("scale")).append(" |\n"));
        md.append('\n');

        md.append("## Best trial\n");
        if (best == null) {
            md.append("No trial completed.\n\n");
        } else {
            md.append("Trial ").append(best.trial()).append(": validation error **").append(fmt(best.validationError())).append("** after ")
                    .append(best.epochs().size()).append(" epochs, with\n\n");
            best.values().forEach((key, value) -> md.append("- `").append(key).append("`: ").append(value).append('\n'));
            md.append("\n`best.yaml` holds it as a spec: `./dropout run ").append(dir.resolve("best.yaml")).append("`.\n\n");
            List<String> warnings = edgeWarnings(best, space);
            for (String warning : warnings) md.append("> **Warning:** ").append(warning).append("\n\n");
        }

        NearBest.Result near = best == null ? null : AppendixA.near(identity, base, trials, best, finals);
        AppendixA.append(md, identity, base, trials, best, finals, near, space);

        md.append("## Final seeds: the best configuration on the test split\n");
        appendFinals(md, best, finals, identity.dataSizes());
        appendRescored(md, dir, best);
        TunedComparison.Result tuned = TunedComparison.of(identity, base, best, finals);
        if (tuned != null) tuned.section().forEach(line -> md.append(line).append('\n'));

        md.append("## Leaderboard (top 10 completed trials)\n");
        md.append("| rank | trial | validation error | ").append(String.join(" | ", space.keySet())).append(" |\n");
        md.append("| --- | --- | --- |").append(" --- |".repeat(space.size())).append('\n');
        List<TrialRecord> ranked = completed(trials).stream().sorted(Comparator.comparingDouble(TrialRecord::validationError)
                .thenComparingInt(TrialRecord::trial)).limit(10).toList();
        for (int i = 0; i < ranked.size(); i++) {
            TrialRecord t = ranked.get(i);
            md.append("| ").append(i + 1).append(" | ").append(t.trial()).append(" | ").append(fmt(t.validationError())).append(" | ");
            for (String key : space.keySet()) md.append(value(t.values().get(key))).append(" | ");
            md.append('\n');
        }
        md.append('\n');

        PruningComparison comparison = PruningComparison.load(dir, identity);
        appendPruning(md, base, trials, identity.classes(), comparison != null && comparison.sameCandidates(trials));
        if (comparison != null) comparison.append(md, trials, best, near);
        appendImportance(md, trials, identity.classes(), importance);

        md.append("## Plots\n");
        for (String plot : plots) md.append("![").append(plot).append("](").append(plot).append(")\n\n");

        md.append("## Every trial\n| trial | status | validation error | epochs | seconds | values | note |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (TrialRecord t : trials) {
            md.append("| ").append(t.trial()).append(" | ").append(t.status()).append(" | ").append(fmt(t.validationError())).append(" | ")
                    .append(t.epochs().size()).append(" | ").append(String.format(Locale.ROOT, "%.1f", t.seconds())).append(" | ")
                    .append(t.values().entrySet().stream().map(e -> e.getKey().substring(e.getKey().indexOf('.') + 1) + "=" + value(e.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(t.reason() == null ? "" : inPercent(t.reason()).replace("|", "/")).append(" |\n");
        }
        md.append("\nFiles: `trials.jsonl` (one line per finished trial), `trials.csv`, `final.jsonl`, `best.yaml`, `search.json`.\n");
        return md.toString();
    }

    private static String pruningText(Map<String, Object> search) {
        @SuppressWarnings("unchecked")
        Map<String, Object> pruning = (Map<String, Object>) search.get("pruning");
        if (!"median".equals(pruning.get("method"))) return "none";
        return "a median rule after Optuna's MedianPruner, from epoch " + pruning.get("startEpoch") + ", once at least "
                + pruning.get("startupTrials") + " earlier trials reached the epoch: a trial stops when its best validation error "
                + "so far is above the median of the lower-numbered trials' at that epoch (unlike Optuna's, that median counts every "
                + "earlier trial that reached the epoch, pruned and stuck ones included)";
    }

    /**
     * Which final seeds were trained again to record their misclassified test examples ({@code --rescore-final-seeds}), and
     * whether their test errors came out as first recorded (they do on the same kind of machine).
     */
    private static void appendRescored(StringBuilder md, Path dir, TrialRecord best) throws IOException {
        if (best == null) return;
        Map<Integer, List<FinalSeedRecord>> bySeed = new java.util.TreeMap<>();
        for (FinalSeedRecord f : SearchLog.readFinals(dir)) {
            if (f.bestTrial() == best.trial() && f.testError() != null) bySeed.computeIfAbsent(f.seed(), s -> new ArrayList<>()).add(f);
        }
        List<Integer> same = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        bySeed.forEach((seed, records) -> {
            FinalSeedRecord first = records.get(0);
            FinalSeedRecord last = records.get(records.size() - 1);
            if (records.size() < 2 || first.testMistakes() != null || last.testMistakes() == null) return;
            if (first.testError().equals(last.testError())) {
                same.add(seed);
            } else {
                changed.add(seed + " (" + fmt(first.testError()) + " then " + fmt(last.testError()) + ")");
            }
        });
        if (same.isEmpty() && changed.isEmpty()) return;
        md.append("Final seeds trained again to record which test examples they misclassify (`--rescore-final-seeds`; the later "
                + "record is the one used):").append(same.isEmpty() ? "" : " seeds " + same + " came out with the same test error")
                .append(same.isEmpty() || changed.isEmpty() ? "" : ";").append(changed.isEmpty() ? "" : " seeds " + String.join(", ", changed)
                        + " did not, as on another kind of machine").append(".\n\n");
    }

    private static void appendFinals(StringBuilder md, TrialRecord best, List<FinalSeedRecord> finals,
                                     org.dropoutrepro.results.Manifest.DataSizes sizes) {
        List<Double> tests = finals.stream().map(FinalSeedRecord::testError).filter(java.util.Objects::nonNull).toList();
        if (best == null || finals.isEmpty()) {
            md.append("No final seeds (search.finalSeeds is 0, or they have not run yet).\n\n");
            return;
        }
        md.append("| seed | status | validation error | test error |\n| --- | --- | --- | --- |\n");
        for (FinalSeedRecord f : finals) {
            md.append("| ").append(f.seed()).append(" | ").append(f.status()).append(" | ").append(fmt(f.validationError()))
                    .append(" | ").append(fmt(f.testError())).append(" |\n");
        }
        Stats.Summary test = Stats.summarize(tests);
        List<Double> validations = finals.stream().map(FinalSeedRecord::validationError).filter(java.util.Objects::nonNull).toList();
        Stats.Summary validation = Stats.summarize(validations);
        md.append("\n| | n | mean | sd (points) | 95% interval of the mean over seeds (t) |\n| --- | --- | --- | --- | --- |\n");
        md.append("| test error, ").append(seedsCounted(tests.size(), finals.size())).append(" | ").append(summaryRow(test)).append('\n');
        md.append("| validation error, ").append(seedsCounted(validations.size(), finals.size())).append(" | ").append(summaryRow(validation))
                .append('\n');
        md.append("| validation error, best trial (the search's estimate) | 1 | ").append(fmt(best.validationError())).append(" | | |\n\n");
        md.append("The interval is a 95% t interval of the mean over the final seeds: it measures training randomness (initialisation, "
                + "dropout masks, minibatch order) on the one test split, not the test set's sampling noise"
                + (sizes == null || tests.isEmpty() ? "." : String.format(Locale.ROOT, ", which is a binomial standard error of %s points on "
                + "its %,d examples (another test set of the same size would move the mean about that much).", points(
                Stats.binomialStandardError(test.mean(), sizes.test())), sizes.test()))
                + (sizes == null ? "" : String.format(Locale.ROOT, " The final seeds train on the trials' %,d training examples; Appendix "
                + "B.1 retrained on training and validation together before its test runs, which this does not.", sizes.train()))
                + "\n\n");
        double biasSe = Math.sqrt(validation.sd() * validation.sd() * (1 + 1.0 / Math.max(1, validations.size())));
        md.append(String.format(Locale.ROOT, "The search's own estimate (%s) is the minimum over %s; the final seeds' mean validation "
                        + "error (%s) is an unselected estimate of the same configuration: the difference, %s, is an estimate of the "
                        + "selection bias of picking the best trial on one seed%s.\n\n",
                fmt(best.validationError()), "the trials", fmt(validation.mean()), points(validation.mean() - best.validationError()) + " points",
                Double.isNaN(biasSe) ? " (its noise not known with fewer than 2 seeds)" : " (standard error about " + points(biasSe)
                        + " points, from the seeds' spread: one seed for the best trial, the mean of " + validations.size() + " for the "
                        + "final seeds)"));
    }

    /** "final seeds" when all {@code total} have the value; "k of n final seeds" when some diverged or failed. */
    private static String seedsCounted(int withValue, int total) {
        return withValue == total ? "final seeds" : withValue + " of " + total + " final seeds (the others diverged or failed)";
    }

    private static String summaryRow(Stats.Summary s) {
        return s.n() + " | " + fmt(s.mean()) + " | " + points(s.sd()) + " | "
                + (Double.isNaN(s.low()) ? "-" : "[" + fmt(s.low()) + ", " + fmt(s.high()) + "]") + " |";
    }

    /**
     * The trials by status, and the epochs pruning saved: a pruned trial would have trained the epochs its own configuration
     * asks for ({@code training.epochs} of the base configuration with the trial's values, which may search it).
     */
    private static void appendPruning(StringBuilder md, RunConfig base, List<TrialRecord> trials, Integer classes, boolean measured) {
        Map<String, Long> counts = trials.stream().collect(Collectors.groupingBy(TrialRecord::status, LinkedHashMap::new, Collectors.counting()));
        int trained = trials.stream().mapToInt(t -> t.epochs().size()).sum();
        int withoutPruning = trials.stream().mapToInt(t -> TrialRecord.PRUNED.equals(t.status()) ? configuredEpochs(base, t)
                : t.epochs().size()).sum();
        md.append("## Trials by status, and what pruning saved\n");
        md.append("Statuses: ").append(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")))
                .append(".\n\n");
        if (counts.getOrDefault(TrialRecord.PRUNED, 0L) > 0) {
            md.append(String.format(Locale.ROOT, "Epochs trained: %d; the same trials without pruning would have trained %d "
                    + "(%.0f%% saved). ", trained, withoutPruning, 100.0 * (withoutPruning - trained) / withoutPruning));
            md.append(measured ? "\n\n" : "Whether a pruned trial would have become the best is not known without training it to the end "
                    + "(`--no-pruning` measures it); the median rule stops a trial only when it is already worse than half of the earlier "
                    + "trials at the same epoch.\n\n");
        } else {
            md.append("No trial was pruned.\n\n");
        }
        for (TrialRecord t : trials) {
            if (TrialRecord.FAILED.equals(t.status()) || TrialRecord.DIVERGED.equals(t.status())) {
                md.append("- trial ").append(t.trial()).append(' ').append(t.status()).append(": ").append(t.reason()).append('\n');
            } else if (notLearned(t, classes)) {
                md.append(String.format(Locale.ROOT, "- trial %d completed but **did not learn**: stuck at chance, final training error "
                        + "%.1f%% (chance %.1f%%); its validation error ranks it, but it is left out of parameter importance%n", t.trial(),
                        t.epochs().get(t.epochs().size() - 1).trainError() * 100, (1 - 1.0 / classes) * 100));
            }
        }
        md.append('\n');
    }

    /** The epochs trial {@code trial}'s configuration trains: the base configuration's, or the trial's own when epochs are searched. */
    private static int configuredEpochs(RunConfig base, TrialRecord trial) {
        return base.withOverrides(trial.values(), "trial " + trial.trial()).training().epochs();
    }

    private static void appendImportance(StringBuilder md, List<TrialRecord> trials, Integer classes, Map<String, Double> importance) {
        List<TrialRecord> learned = learned(trials, classes);
        int left = completed(trials).size() - learned.size();
        String leftOut = left == 0 ? "" : " (" + left + " completed " + (left == 1 ? "trial" : "trials") + " that did not learn left out, "
                + "as diverged ones are: a trial stuck at chance says its values failed to train, not how much each parameter matters "
                + "near a working configuration; what it does say, that some values do not train at all, is under the statuses above "
                + "and on the slices)";
        md.append("## Parameter importance\n");
        if (importance.isEmpty()) {
            md.append("Needs at least ").append(Importance.MIN_TRIALS).append(" completed trials that learned (").append(learned.size())
                    .append(" here").append(leftOut).append(").\n\n");
            return;
        }
        md.append("Mean decrease in impurity of a random forest (Smile 2.6, 300 trees, seeded) fitted to ").append(learned.size())
                .append(" completed trials' validation errors").append(leftOut)
                .append(", normalised to sum to 1. With this few trials the figures are rough.\n\n");
        md.append("| key | importance |\n| --- | --- |\n");
        importance.forEach((key, share) -> md.append("| `").append(key).append("` | ").append(String.format(Locale.ROOT, "%.2f", share)).append(" |\n"));
        md.append("\nAs a bar chart: [").append(IMPORTANCE_PLOT).append("](").append(IMPORTANCE_PLOT).append(") (under Plots).\n\n");
    }

    /** Warnings for best values in the outer 10% of their range (in log space for log-scale keys), or at the end of a list of numbers. */
    static List<String> edgeWarnings(TrialRecord best, Map<String, Map<String, Object>> space) {
        List<String> warnings = new ArrayList<>();
        space.forEach((key, dim) -> {
            Object value = best.values().get(key);
            List<Object> values = listed(dim);
            if (values != null) {
                List<Double> numbers = values.stream().filter(v -> v instanceof Number).map(v -> ((Number) v).doubleValue()).sorted().toList();
                if (numbers.size() >= 3 && value instanceof Number n
                        && (n.doubleValue() == numbers.get(0) || n.doubleValue() == numbers.get(numbers.size() - 1))) {
                    warnings.add("the best `" + key + "` (" + value + ") is the " + (n.doubleValue() == numbers.get(0) ? "smallest" : "largest")
                            + " value listed: the optimum may lie beyond it; widen the list.");
                }
                return;
            }
            double min = ((Number) dim.get("min")).doubleValue();
            double max = ((Number) dim.get("max")).doubleValue();
            double x = ((Number) value).doubleValue();
            boolean log = isLog(dim);
            double position = log ? (Math.log(x) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (x - min) / (max - min);
            if (position > 1 - EDGE && key.endsWith("Retain") && max == 1.0) {
                warnings.add(String.format(Locale.ROOT, "the best `%s` (%s) lies in the outer %.0f%% of its range [%s, %s], at the end "
                        + "without dropout (a retain probability cannot exceed 1): at this training length the search prefers little "
                        + "dropout here.", key, value, EDGE * 100, dim.get("min"), dim.get("max")));
            } else if (position < EDGE || position > 1 - EDGE) {
                warnings.add(String.format(Locale.ROOT, "the best `%s` (%s) lies in the outer %.0f%% of its range [%s, %s]%s: the optimum "
                                + "may lie outside it; widen the range.", key, value, EDGE * 100, dim.get("min"), dim.get("max"),
                        log ? " (on a log scale)" : ""));
            }
        });
        return warnings;
    }

    /** A pruned trial's note ("best validation error 0.1232 above the median 0.1227 ...", as recorded) with its errors in percent. */
    static String inPercent(String reason) {
        java.util.regex.Matcher m = PRUNING_NOTE.matcher(reason);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(m.group(1) + fmt(Double.parseDouble(m.group(2)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final java.util.regex.Pattern PRUNING_NOTE = java.util.regex.Pattern.compile(
            "((?:best validation error|the median) )(\\d+\\.\\d+)");

    static String value(Object value) {
        if (value instanceof Double d) return String.format(Locale.ROOT, "%.4g", d);
        return String.valueOf(value);
    }

    /** An error rate in percent, "10.12%", as the experiments' reports give it ({@code trials.jsonl} keeps fractions). */
    static String fmt(Double value) {
        return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f%%", value * 100);
    }

    /** A difference or spread of error rates in percentage points, "0.14". */
    static String points(Double value) {
        return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", value * 100);
    }
}
