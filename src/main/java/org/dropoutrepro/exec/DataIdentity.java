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
        for (int i = 0; i < Math.max(files.size(), loaded.files().size()); i++) {
            FileHash expected = i < files.size() ? files.get(i) : null;
            FileHash found = i < loaded.files().size() ? loaded.files().get(i) : null;
            if (expected != null && expected.equals(found)) continue;
            String name = expected != null ? expected.file() : found.file();
            throw new DataFileException("data file " + name + " differs from the one the experiment was started with: expected "
                    + describe(expected) + ", found " + describe(found) + ". Every machine that runs tasks needs the same data files.");
        }
    }

    private static String describe(FileHash hash) {
        return hash == null ? "no such file" : "SHA-256 " + hash.sha256().substring(0, 12) + "… (" + hash.bytes() + " bytes)";
    }
}
