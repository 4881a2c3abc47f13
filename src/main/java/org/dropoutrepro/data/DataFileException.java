package org.dropoutrepro.data;

import java.nio.file.Path;

/** A data file that is missing, truncated, corrupt or not what was expected; the message names the file. */
public final class DataFileException extends RuntimeException {

    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    /** A problem at {@code location}, e.g. {@code my.csv:7: column 3}. */
    public DataFileException(String location, String problem) {
        super(location + ": " + problem);
    }

    /** A data set that is not on this machine, with how to get it. */
    public DataFileException(String message) {
        super(message);
    }
}
