package org.dropoutrepro.exec;

import java.io.Serializable;
import java.util.List;
import org.dropoutrepro.data.DataBundle;
import org.dropoutrepro.data.DataFileException;
import org.dropoutrepro.data.FileHash;

/**
 * Which data a task trains on, as the driver loaded it: the data directory given on the command line (if
 * any; otherwise the configuration's {@code data.*} keys say where the data is) and the SHA-256 of every
 * source file. Wherever the task runs, the data it loads must hash the same, or the task stops with an
 * error naming the file.
 */
public record DataIdentity(String dataDirOverride, List<FileHash> files) implements Serializable {

    public DataIdentity {
        files = List.copyOf(files);
    }

    /** The identity of {@code data} as loaded with {@code dataDirOverride} (null: the configuration's own). */
    public static DataIdentity of(DataBundle data, String dataDirOverride) {
        return new DataIdentity(dataDirOverride, data.files());
    }

    /** Throws if {@code loaded} is not the data this identity names, naming the first file that differs. */
    public void check(DataBundle loaded) {
        if (loaded.files().equals(files)) return;
        throw new DataFileException(firstDifference(files, loaded.files())
                + ". Every machine that runs tasks needs the same data files.");
    }

    /** Names the first file of {@code found} that differs from {@code expected}; for error messages. */
    public static String firstDifference(List<FileHash> expected, List<FileHash> found) {
        for (int i = 0; i < Math.max(expected.size(), found.size()); i++) {
            FileHash was = i < expected.size() ? expected.get(i) : null;
            FileHash is = i < found.size() ? found.get(i) : null;
            if (was != null && was.equals(is)) continue;
            String name = was != null ? was.file() : is.file();
            return "data file " + name + " differs: expected " + describe(was) + ", found " + describe(is);
        }
        return "the data files are the same";
    }

    private static String describe(FileHash hash) {
        return hash == null ? "no such file" : "SHA-256 " + hash.sha256().substring(0, 12) + "… (" + hash.bytes() + " bytes)";
    }
}
