package org.dropoutrepro.experiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dropoutrepro.exec.CheckpointPolicy;

/**
 * How to run an experiment: profile, output directory, a data directory that overrides the spec's,
 * whether to discard earlier results, the command line to record, where to print, and whether to draw a
 * progress bar (a terminal) or plain lines, how many runs train at once (0 with a master: as many as it has
 * room for), where they train (null: in this process; else a Spark master URL) and the minutes between
 * checkpoints within an epoch (0: at epoch ends only).
 */
public record RunOptions(String profile, Path outDir, Path dataDir, boolean fresh, List<String> command,
                         PrintStream out, boolean terminal, int parallel, String master, double checkpointMinutes) {

    /** Minutes between checkpoints within an epoch when not told otherwise. */
    public static final double DEFAULT_CHECKPOINT_MINUTES = CheckpointPolicy.DEFAULT_MINUTES;

    public RunOptions {
        boolean onSpark = master != null && !master.isBlank();
        if (parallel < (onSpark ? 0 : 1)) throw new IllegalArgumentException("--parallel must be at least 1, not " + parallel);
        if (!(checkpointMinutes >= 0)) {
            throw new IllegalArgumentException("--checkpoint-minutes must be >= 0, not " + checkpointMinutes);
        }
    }

    /** In this process, with checkpoints every {@link #DEFAULT_CHECKPOINT_MINUTES} minutes within an epoch. */
    public RunOptions(String profile, Path outDir, Path dataDir, boolean fresh, List<String> command,
                      PrintStream out, boolean terminal, int parallel) {
        this(profile, outDir, dataDir, fresh, command, out, terminal, parallel, null, DEFAULT_CHECKPOINT_MINUTES);
    }
}
