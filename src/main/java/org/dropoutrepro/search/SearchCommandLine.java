package org.dropoutrepro.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dropoutrepro.spec.ExperimentSpec;

/**
 * The options of {@code dropout search} that decide which search runs, on which data and where: the spec,
 * {@code --profile}, {@code --out}, {@code --data-dir}, {@code --trials}, {@code --final-seeds} and {@code --no-pruning};
 * and the command line that repeats it, recorded in {@code search.json} and printed in {@code REPORT.md} and
 * {@code best.yaml}, where the same command resumes the search. Left out: {@code --parallel} and {@code --master}, which
 * only say how trials are executed (a genetic search reports results at the spec's {@code parallel}, whatever
 * {@code --parallel} says), and {@code --fresh}, which would discard the search. Paths are written as the user gave them.
 *
 * <p>Search tooling (as Arbiter's or Optuna's command-line runners): no counterpart in the paper.
 */
public record SearchCommandLine(Path spec, String profile, Path out, Path dataDir, Integer trials, Integer finalSeeds,
                                boolean noPruning) {

    /** Loads and validates the search these options ask for ({@link SearchDefinition#load}). */
    public SearchDefinition load() {
        return SearchDefinition.load(spec, profile, trials, finalSeeds, noPruning);
    }

    /** The command line, word by word, that runs (and resumes) this search. */
    public List<String> words() {
        List<String> command = new ArrayList<>(List.of("./dropout", "search", spec.toString()));
        if (!ExperimentSpec.DEFAULT_PROFILE.equals(profile)) command.addAll(List.of("--profile", profile));
        if (out != null) command.addAll(List.of("--out", out.toString()));
        if (dataDir != null) command.addAll(List.of("--data-dir", dataDir.toString()));
        if (trials != null) command.addAll(List.of("--trials", trials.toString()));
        if (finalSeeds != null) command.addAll(List.of("--final-seeds", finalSeeds.toString()));
        if (noPruning) command.add("--no-pruning");
        return command;
    }
}
