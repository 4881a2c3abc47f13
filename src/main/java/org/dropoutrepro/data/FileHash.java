package org.dropoutrepro.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A data file (named without its machine path) and its SHA-256, recorded with every run. */
public record FileHash(String file, String sha256, long bytes) implements Serializable {

    /** Hashes {@code path}, recording it under its file name. */
    public static FileHash of(Path path) {
        return of(path, path.getFileName().toString());
    }

    /** Hashes {@code path}, recording it as {@code name}. */
    public static FileHash of(Path path, String name) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; total += n) digest.update(buffer, 0, n);
            return new FileHash(name, HexFormat.of().formatHex(digest.digest()), total);
        } catch (IOException e) {
            throw new DataFileException(path, "cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
