package org.dropoutrepro.data;

import java.nio.file.Path;

/** A data file that is missing, truncated, corrupt or not what was expected; the message names the file. */
public final class DataFileException extends RuntimeException {

    private final String key;
    private final String problem;

    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.key = null;
        this.problem = problem;
    }

    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.key = null;
        this.problem = problem;
    }

    /** A problem at {@code location}, e.g. {@code my.csv:7: column 3}. */
    public DataFileException(String location, String problem) {
        super(location + ": " + problem);
        this.key = null;
        this.problem = problem;
    }

    /** A data set that is not on this machine, with how to get it. */
    public DataFileException(String message) {
        super(message);
        this.key = null;
        this.problem = message;
    }

    private DataFileException(String key, String problem, boolean ofKey) {
        super("key '" + key + "' " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** A spec key that the chosen data set does not read, set away from its default; callers add the spec's line. */
    public static DataFileException ofKey(String key, String problem) {
        return new DataFileException(key, problem, true);
    }

    /** The spec key at fault, or null when the problem is a file's. */
    public String key() {
        return key;
    }

    /** The problem without the file or key in front. */
    public String problem() {
        return problem;
    }
}
