package org.dropoutrepro.experiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run an experiment: profile, output directory, a data directory that overrides the spec's,
 * whether to discard earlier results, the command line to record, where to print, and whether to draw a
 * progress bar (a terminal) or plain lines, and how many runs train at once.
 */
public record RunOptions(String profile, Path outDir, Path dataDir, boolean fresh, List<String> command,
                         PrintStream out, boolean terminal, int parallel) {

    public RunOptions {
        if (parallel < 1) throw new IllegalArgumentException("--parallel must be at least 1, not " + parallel);
    }
}
