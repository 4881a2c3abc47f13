package org.dropoutrepro.search;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dropoutrepro.results.ExperimentLock;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.results.Json;
import org.dropoutrepro.results.JsonLines;

/**
 * A search directory as an event log, after Optuna's journal storage: {@code search.json} says what search this
 * is; every finished trial is one appended line of {@code trials.jsonl}, and every finished final seed one line of
 * {@code final.jsonl}, each written with its newline in one write and synced before the next trial starts. A
 * search is rebuilt by replaying these lines, so a SIGKILL loses at most the trials in flight; a line cut short
 * by a crash is dropped when the directory is next opened. The directory is locked against a second process.
 *
 * <p>Search tooling (Optuna's journal storage) with no counterpart in the paper.
 */
final class SearchLog implements AutoCloseable {

    static final String IDENTITY = "search.json";
    static final String TRIALS = "trials.jsonl";
    static final String FINALS = "final.jsonl";
    /** The subdirectory that holds the checkpoints of trials and final seeds in flight. */
    static final String CHECKPOINTS = "checkpoints";

    /** A later invocation that resumed a search: its provenance, and the trials and final seeds recorded when it began. */
    record Resumption(Provenance provenance, int trialsBefore, int finalSeedsBefore) {
    }

    /**
     * The wall-clock limit {@code search.maxMinutes} stopped the search after trial {@code afterTrial} (every trial up to
     * it finished): a later invocation proposes no trial past it unless the limit in force is above {@code maxMinutes}.
     */
    record TimeLimitStop(double maxMinutes, int afterTrial) {

        /** Whether this stop still holds under the limit {@code maxMinutesNow} (null: no limit any more). */
        boolean holdsUnder(Double maxMinutesNow) {
            return maxMinutesNow != null && maxMinutesNow <= maxMinutes;
        }
    }

    /**
     * What a search is: its spec, profile, base configuration, search settings and data (resuming requires the same
     * configuration, profile, settings and data files, but for the execution knobs {@code maxMinutes} and, outside
     * a genetic search, {@code parallel}), the command that regenerates it, the companion search to compare with,
     * the provenance of the code and machine that trained it (the first invocation's, or the first one on
     * uncommitted code), and every later invocation that resumed it ({@code null} in files from before they were
     * recorded): a long search can span sessions and machines, and trials trained on another CPU or BLAS agree with
     * the others in meaning but not in their last bits or their seconds. {@code timeLimitStop}: where the wall-clock
     * limit stopped the search, if it did (null otherwise). {@code classes}: the number of classes of a classification
     * task, by which the report tells a trial stuck at chance (null for regression, and in searches recorded before it was).
     */
    record Identity(String name, String specFile, String profile, Map<String, Object> base, Map<String, Object> search,
                    List<org.dropoutrepro.data.FileHash> dataFiles, String dataNote, List<String> command,
                    String baseline, Provenance provenance, List<Resumption> resumptions, TimeLimitStop timeLimitStop,
                    Integer classes) {

        @com.fasterxml.jackson.annotation.JsonCreator
        Identity {
        }

        /** An identity the time limit has not stopped. */
        Identity(String name, String specFile, String profile, Map<String, Object> base, Map<String, Object> search,
                 List<org.dropoutrepro.data.FileHash> dataFiles, String dataNote, List<String> command,
                 String baseline, Provenance provenance, List<Resumption> resumptions) {
            this(name, specFile, profile, base, search, dataFiles, dataNote, command, baseline, provenance, resumptions, null, null);
        }

        /** This identity with the data's number of classes ({@code null}: not a classification task). */
        Identity withClasses(Integer count) {
            return new Identity(name, specFile, profile, base, search, dataFiles, dataNote, command, baseline, provenance, resumptions,
                    timeLimitStop, count);
        }

        /** This identity with the time limit's stop {@code stop}. */
        Identity stoppedBy(TimeLimitStop stop) {
            return new Identity(name, specFile, profile, base, search, dataFiles, dataNote, command, baseline, provenance, resumptions, stop,
                    classes);
        }

        /** The wall-clock limit in force ({@code search.maxMinutes}), or null. */
        Double maxMinutes() {
            Object limit = search.get("maxMinutes");
            return limit == null ? null : ((Number) limit).doubleValue();
        }

        /** The split sizes the data note states (10 outputs when the number of classes was not recorded); null if it states none. */
        org.dropoutrepro.results.Manifest.DataSizes dataSizes() {
            return org.dropoutrepro.results.Manifest.sizesIn(dataNote, classes == null ? 10 : classes);
        }

        /** Whether the time limit in force stopped this search (a search stopped by a lower limit goes on under a higher one). */
        boolean stoppedByTimeLimit() {
            return timeLimitStop != null && timeLimitStop.holdsUnder(maxMinutes());
        }

        /**
         * This identity as a resumption of {@code previous}, which had {@code trialsBefore} trials and {@code finalsBefore}
         * final seeds recorded: the provenance of {@code previous} is kept unless this invocation is on uncommitted code
         * and that one was not, this invocation is added to the resumptions, and where the time limit stopped
         * {@code previous} is kept.
         */
        Identity resuming(Identity previous, int trialsBefore, int finalsBefore) {
            if (previous == null) return this;
            List<Resumption> all = new java.util.ArrayList<>(previous.resumptions() == null ? List.of() : previous.resumptions());
            if (previous.provenance == null) return withResumptions(provenance, all, previous.timeLimitStop);
            boolean dirtyNow = provenance != null && Boolean.TRUE.equals(provenance.gitDirty());
            boolean dirtyBefore = Boolean.TRUE.equals(previous.provenance.gitDirty());
            Provenance kept = dirtyNow && !dirtyBefore ? provenance : previous.provenance;
            if (provenance != null) all.add(new Resumption(provenance, trialsBefore, finalsBefore));
            return withResumptions(kept, all, previous.timeLimitStop);
        }

        private Identity withResumptions(Provenance kept, List<Resumption> all, TimeLimitStop stop) {
            return new Identity(name, specFile, profile, base, search, dataFiles, dataNote, command, baseline, kept, List.copyOf(all), stop,
                    classes);
        }

        /**
         * Whether {@code other} is the same search, so that its recorded trials can be resumed: the same profile, base
         * configuration, data files and search settings, but for the settings that only say how the search is executed
         * ({@link #comparableSettings}).
         */
        boolean sameSearch(Identity other) {
            return differences(other, Set.of()).isEmpty();
        }

        /**
         * What differs between this search and {@code other} (empty when nothing does): the profile, the base keys, the
         * search settings (execution-only ones and {@code ignoredSettings} left out) and the data files.
         */
        List<String> differences(Identity other, Set<String> ignoredSettings) {
            List<String> out = new ArrayList<>();
            if (!Objects.equals(profile, other.profile)) out.add("profile (" + profile + " vs " + other.profile + ")");
            List<String> keys = differingKeys(base, other.base);
            if (!keys.isEmpty()) out.add("base configuration (" + String.join(", ", keys) + ")");
            List<String> settings = differingKeys(comparableSettings(search, ignoredSettings), comparableSettings(other.search, ignoredSettings));
            if (!settings.isEmpty()) out.add("search settings (" + String.join(", ", settings) + ")");
            if (!Objects.equals(dataFiles, other.dataFiles)) out.add("data files");
            return out;
        }

        /**
         * The search settings that decide which candidates are trained and how, without {@code ignored} and without the
         * execution knobs: {@code maxMinutes} (a wall-clock limit only stops proposing; the candidates, in order, are the
         * same under any limit, so a resumed search may be given a longer one) and {@code parallel} except for a genetic
         * search (a random or grid search proposes the same candidates at any parallelism, and its trials are
         * bit-identical to sequential ones; a genetic search proposes trial i knowing trials 1 ... i - parallel).
         */
        static Map<String, Object> comparableSettings(Map<String, Object> search, Set<String> ignored) {
            Map<String, Object> out = new TreeMap<>(search);
            out.remove("maxMinutes");
            if (!"genetic".equals(search.get("method"))) out.remove("parallel");
            out.keySet().removeAll(ignored);
            return out;
        }

        /** The keys of either map whose values differ (as JSON), in sorted order. */
        static List<String> differingKeys(Map<String, Object> one, Map<String, Object> other) {
            Set<String> keys = new TreeSet<>(one.keySet());
            keys.addAll(other.keySet());
            return keys.stream().filter(key -> !Objects.equals(tree(one.get(key)), tree(other.get(key)))).toList();
        }

        private static Object tree(Object value) {
            return value == null ? null : Json.MAPPER.valueToTree(value);
        }

        /** The number of trials the search plans ({@link SearchSpec#plannedTrials}), read back from its description. */
        @SuppressWarnings("unchecked")
        int plannedTrials() {
            SearchSpec.Method method = SearchSpec.Method.valueOf(String.valueOf(search.get("method")).toUpperCase(java.util.Locale.ROOT));
            int trials = ((Number) search.get("trials")).intValue();
            if (method != SearchSpec.Method.GRID) return trials;
            List<SearchSpec.Dimension> dimensions = new ArrayList<>();
            ((Map<String, Map<String, Object>>) search.get("space")).forEach((key, dim) -> {
                SearchSpec.Scale scale = SearchSpec.Scale.valueOf(String.valueOf(dim.get("scale")).toUpperCase(java.util.Locale.ROOT));
                dimensions.add(new SearchSpec.Dimension(key, scale, number(dim.get("min")), number(dim.get("max")),
                        dim.get("values") == null ? List.of() : (List<Object>) dim.get("values"), IDENTITY));
            });
            return SearchSpec.plannedTrials(method, trials, new SearchSpace(dimensions), ((Number) search.get("gridPoints")).intValue());
        }

        private static Double number(Object value) {
            return value == null ? null : ((Number) value).doubleValue();
        }
    }

    private final Path dir;
    private final ExperimentLock lock;

    private SearchLog(Path dir, ExperimentLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /** Creates and locks {@code dir}, and drops a torn last line of either log. */
    static SearchLog open(Path dir) throws IOException {
        Files.createDirectories(dir);
        SearchLog log = new SearchLog(dir, ExperimentLock.acquire(dir));
        log.repair(dir.resolve(TRIALS));
        log.repair(dir.resolve(FINALS));
        return log;
    }

    Path dir() {
        return dir;
    }

    /**
     * Refuses a directory that holds results of a different search; writes this search's identity. {@code fresh}
     * discards the recorded trials and final seeds and the checkpoints of those in flight: a checkpoint is
     * fingerprinted by its task, configuration, seed and data only, so one left behind would resume an old trial or
     * final seed in the fresh search.
     */
    void begin(Identity identity, boolean fresh) throws IOException {
        if (fresh) {
            Files.deleteIfExists(dir.resolve(TRIALS));
            Files.deleteIfExists(dir.resolve(FINALS));
            deleteTree(dir.resolve(CHECKPOINTS));
        }
        Identity previous = readIdentity(dir);
        boolean hasResults = Files.exists(dir.resolve(TRIALS)) || Files.exists(dir.resolve(FINALS));
        if (previous != null && hasResults && !previous.sameSearch(identity)) {
            throw new IllegalStateException(dir + " holds trials of a different version of this search (changed since they were "
                    + "trained: " + String.join("; ", previous.differences(identity, Set.of())) + "). Run with --fresh to discard "
                    + "them, or write elsewhere with --out DIR.");
        }
        if (previous != null && hasResults) {
            identity = identity.resuming(previous, readTrials(dir).size(), readFinals(dir).size());
        }
        writeIdentity(identity);
    }

    /** Records in {@code search.json} where the wall-clock limit stopped the search (null: it did not, or no longer does). */
    void recordTimeLimitStop(TimeLimitStop stop) throws IOException {
        writeIdentity(readIdentity(dir).stoppedBy(stop));
    }

    private void writeIdentity(Identity identity) throws IOException {
        Path temporary = dir.resolve(IDENTITY + ".tmp");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), identity);
        Files.move(temporary, dir.resolve(IDENTITY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Identity readIdentity(Path dir) throws IOException {
        Path file = dir.resolve(IDENTITY);
        return Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), Identity.class) : null;
    }

    void append(TrialRecord record) throws IOException {
        appendLine(dir.resolve(TRIALS), record);
    }

    void append(FinalSeedRecord record) throws IOException {
        appendLine(dir.resolve(FINALS), record);
    }

    static List<TrialRecord> readTrials(Path dir) throws IOException {
        return readLines(dir.resolve(TRIALS), new TypeReference<TrialRecord>() { });
    }

    static List<FinalSeedRecord> readFinals(Path dir) throws IOException {
        return readLines(dir.resolve(FINALS), new TypeReference<FinalSeedRecord>() { });
    }

    /**
     * The final seeds recorded for best trial {@code bestTrial}, one per seed (its last record: a seed that failed and was
     * trained again is its retraining), in seed order.
     */
    static List<FinalSeedRecord> finalsOf(Path dir, int bestTrial) throws IOException {
        Map<Integer, FinalSeedRecord> latest = new TreeMap<>();
        for (FinalSeedRecord record : readFinals(dir)) if (record.bestTrial() == bestTrial) latest.put(record.seed(), record);
        return List.copyOf(latest.values());
    }

    private static void appendLine(Path file, Object record) throws IOException {
        JsonLines.append(file, record);
    }

    private static <T> List<T> readLines(Path file, TypeReference<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                out.add(Json.MAPPER.readValue(lines.get(i), type));
            } catch (IOException e) {
                if (i == lines.size() - 1) break;
                throw new IOException(file + ":" + (i + 1) + ": not a record: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    /** Cuts a last line without its newline: what a kill in the middle of {@link #appendLine} leaves. */
    private void repair(Path file) throws IOException {
        JsonLines.cutTornLine(file);
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
