package org.dropoutrepro.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dropoutrepro.search.SearchCommandLine;
import org.dropoutrepro.search.SearchRunner;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.exec.TaskExecutors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dropout search SPEC}: a hyperparameter search with Arbiter, resumable, pruned, parallel, then its report. Serves
 * Appendix B.1 (choose on the validation split, report the test split) and Appendix A (the report checks the guide's
 * ranges); the options are parsed here and everything else is {@link SearchCommandLine}'s and {@link SearchRunner}'s.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search the spec's search.space with Arbiter's generator, choose on the validation split, retrain the best "
                + "with new seeds on the test split, and write runs/<name>/REPORT.md and best.yaml (--out reports/<name> for a committed report).",
                "Finished trials are kept: after an interruption, the same command resumes."})
final class SearchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "SPEC", description = "A spec with a search: section, e.g. experiments/search-quickstart.yaml.")
    Path spec;

    @Option(names = "--profile", paramLabel = "NAME", description = "A profile of the spec (e.g. smoke); default: the spec as written.")
    String profile = ExperimentSpec.DEFAULT_PROFILE;

    @Mixin
    DataDirOption dataOption;

    @Option(names = "--out", paramLabel = "DIR", description = "Search directory; default runs/<name>[-<profile>].")
    Path out;

    @Option(names = "--fresh", description = "Discard trials already in the search directory and search again.")
    boolean fresh;

    @Option(names = "--parallel", paramLabel = "N", description = "Trials trained at once in this process (default: search.parallel).")
    Integer parallel;

    @Option(names = "--master", paramLabel = "URL", description = "Train the trials on Spark: local[N], spark://HOST:PORT, yarn or "
            + "k8s://... (needs search.pruning none: a Spark executor reports a trial's epochs only when it ends); default: the "
            + "environment variable " + TaskExecutors.MASTER_VARIABLE + " if set, else in this process.",
            defaultValue = "${env:" + TaskExecutors.MASTER_VARIABLE + "}")
    String master;

    @Option(names = "--trials", paramLabel = "N", description = "Train at most N trials instead of search.trials (e.g. a smoke check).")
    Integer trials;

    @Option(names = "--final-seeds", paramLabel = "N", description = "Retrain the best with N new seeds instead of search.finalSeeds.")
    Integer finalSeeds;

    @Option(names = "--rescore-final-seeds", description = "Train again the best trial's final seeds recorded before runs kept "
            + "which test examples they misclassify, so that a dropout search can pair its final seeds with its companion's; the "
            + "new records are read in place of the old ones, which stay in final.jsonl.")
    boolean rescoreFinalSeeds;

    @Option(names = "--no-pruning", description = "Switch pruning off, to measure what it saves: results go to "
            + "runs/<name>-nopruning (with --out, give the pruned search's directory followed by -nopruning), which the pruned "
            + "search's report compares itself with.")
    boolean noPruning;

    @Override
    public Integer call() throws Exception {
        SearchCommandLine commandLine = new SearchCommandLine(spec, profile, out, dataOption.dataDir, trials, finalSeeds, noPruning);
        Path dir = SearchRunner.run(commandLine.load(), new SearchRunner.Options(out, dataOption.dataDir, fresh, parallel, commandLine.words(),
                System.out, master, rescoreFinalSeeds));
        System.out.println("Report: " + dir.resolve("REPORT.md"));
        System.out.println("Best configuration as a spec: " + dir.resolve("best.yaml"));
        return 0;
    }
}
