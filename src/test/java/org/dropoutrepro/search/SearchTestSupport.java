package org.dropoutrepro.search;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** Runs searches in this JVM for tests. */
final class SearchTestSupport {

    static final Path TINY = Path.of("src/test/resources/specs/search-tiny.yaml");
    static final Path GENETIC = Path.of("src/test/resources/specs/search-genetic.yaml");

    private SearchTestSupport() {
    }

    static Path search(Path spec, String profile, Path out, Integer parallel, Path dataDir) throws Exception {
        SearchCommandLine commandLine = new SearchCommandLine(spec, profile, out, dataDir, null, null, false);
        return SearchRunner.run(commandLine.load(), new SearchRunner.Options(out, dataDir, false, parallel, commandLine.words(),
                new PrintStream(OutputStream.nullOutputStream())));
    }

    /** As {@link #search} with {@code --rescore-final-seeds}. */
    static Path searchRescoring(Path spec, Path out) throws Exception {
        SearchCommandLine commandLine = new SearchCommandLine(spec, "default", out, null, null, null, false);
        return SearchRunner.run(commandLine.load(), new SearchRunner.Options(out, null, false, null, commandLine.words(),
                new PrintStream(OutputStream.nullOutputStream()), null, true));
    }

    /** As {@link #search}, in this process, but task {@code failingTask} throws right after its epoch {@code failingEpoch}. */
    static Path searchWithAFailure(Path spec, Path out, String failingTask, int failingEpoch) throws Exception {
        SearchDefinition definition = SearchDefinition.load(spec, "default", null, null);
        return SearchRunner.run(definition, new SearchRunner.Options(out, null, false, null, List.of("./dropout", "search", spec.toString()),
                new PrintStream(OutputStream.nullOutputStream())), (master, slots) -> new FaultyExecutor(slots, failingTask, failingEpoch));
    }

    /** The recorded trials in trial order, without wall times (which differ from run to run). */
    static List<TrialRecord> trials(Path dir) throws Exception {
        return SearchLog.readTrials(dir).stream().map(TrialRecord::withoutTiming).sorted(Comparator.comparingInt(TrialRecord::trial)).toList();
    }

    /** The final seeds as (seed, test error, parameter hash) strings, in seed order. */
    static List<String> finals(Path dir) throws Exception {
        return SearchLog.readFinals(dir).stream().sorted(Comparator.comparingInt(FinalSeedRecord::seed))
                .map(f -> f.bestTrial() + "/" + f.seed() + "/" + f.status() + "/" + f.testError() + "/" + f.parameterSha256()).toList();
    }
}
