package org.dropoutrepro.experiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run an experiment: profile, output directory, a data directory that overrides the spec's,
 * whether to discard earlier results, the command line to record, where to print, and whether to draw a
 * progress bar (a terminal) or plain lines.
 */
public record RunOptions(String profile, Path outDir, Path dataDir, boolean fresh, List<String> command,
                         PrintStream out, boolean terminal) {
}
