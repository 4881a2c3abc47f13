package org.dropoutrepro.exec;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where and how often a task saves its checkpoint: a directory that every machine which may run the task can
 * reach (in this process: the experiment directory's {@code checkpoints/}; on a cluster, shared storage, so that
 * a task retried on another worker resumes), and the minutes between saves within an epoch (0: at the end of
 * each epoch only).
 */
public record CheckpointPolicy(String directory, double everyMinutes) implements Serializable {

    /** Minutes between checkpoints within an epoch when not given (every epoch end saves one as well). */
    public static final double DEFAULT_MINUTES = 10;

    public CheckpointPolicy {
        if (directory == null || directory.isBlank()) throw new IllegalArgumentException("checkpoint directory is required");
        if (!(everyMinutes >= 0)) throw new IllegalArgumentException("checkpoint interval must be >= 0 minutes, not " + everyMinutes);
    }

    /** Checkpoints under {@code directory} (made absolute, so that executors in other working directories find it). */
    public static CheckpointPolicy in(Path directory, double everyMinutes) {
        return new CheckpointPolicy(directory.toAbsolutePath().normalize().toString(), everyMinutes);
    }

    /** The checkpoint file of task {@code taskId}. */
    public Path fileOf(String taskId) {
        return Path.of(directory, taskId + ".ckpt");
    }
}
