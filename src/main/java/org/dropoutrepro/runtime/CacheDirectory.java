package org.dropoutrepro.runtime;

import java.nio.file.Path;

/** The toolkit's cache: {@code $DROPOUT_REPRO_CACHE}, else {@code ~/.cache/dropout-repro}. Data and native-library links live here. */
public final class CacheDirectory {

    private CacheDirectory() {
    }

    public static Path root() {
        String env = System.getenv("DROPOUT_REPRO_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "dropout-repro");
    }
}
