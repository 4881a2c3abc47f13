package org.dropoutrepro.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Chooses the BLAS that ND4J runs on, before any ND4J class loads. ND4J beta7's bundled OpenBLAS 0.3.9
 * does not recognise recent CPUs and falls back to a slow generic kernel; Debian's OpenBLAS
 * (package libopenblas0-pthread) runs the same products 2-4x faster. With {@code DROPOUT_BLAS=auto}
 * (the default) the system library is used when it is installed, else the bundled one.
 *
 * <p>How: a directory of two links, {@code libopenblas.so.0} and {@code libopenblas_nolapack.so.0}, both to
 * Debian's library, first on {@code java.library.path} with JavaCPP's {@code pathsFirst}, and the openblas
 * preset told to load {@code openblas_nolapack@.0}, so that JavaCPP links its cache entries to that one
 * file and every JNI library (ND4J's Java-side gemm, libnd4jcpu's cblas pointers) binds to it: a single
 * OpenBLAS is mapped into the process ({@link #inUse()} reads /proc/self/maps). A separate JavaCPP cache
 * directory keeps this from fighting with a bundled-BLAS JVM. Limitation: Debian's libopenblas has no
 * LAPACKE, so ND4J's Java-side LAPACK calls (unused by this toolkit) would fail in this mode.
 */
public final class NativeBlas {

    /** Where Debian's pthread OpenBLAS is installed. */
    public static final Path DEBIAN_OPENBLAS = Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0");

    private NativeBlas() {
    }

    /**
     * Applies {@code DROPOUT_BLAS} (auto, system or bundled); call first thing in main. Returns what was chosen.
     * Asking for {@code system} without the library is an error that says how to install it.
     */
    public static String configure(String requested) {
        configured = configureOnce(requested);
        return configured;
    }

    /** What {@link #configure} chose in this JVM ("system" or "bundled"); "bundled" if it was never called. */
    public static String configured() {
        return configured;
    }

    private static volatile String configured = "bundled";

    private static String configureOnce(String requested) {
        String choice = requested == null || requested.isBlank() ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        boolean present = Files.isReadable(DEBIAN_OPENBLAS);
        switch (choice) {
            case "bundled" -> {
                return "bundled";
            }
            case "system" -> {
                if (!present) {
                    throw new IllegalStateException("DROPOUT_BLAS=system, but " + DEBIAN_OPENBLAS
                            + " is missing: apt-get install libopenblas0-pthread");
                }
            }
            case "auto" -> {
                if (!present) return "bundled";
            }
            default -> throw new IllegalArgumentException("DROPOUT_BLAS must be auto, system or bundled, not '" + requested + "'");
        }
        try {
            Path links = CacheDirectory.root().resolve("system-blas");
            Files.createDirectories(links);
            for (String name : new String[] {"libopenblas.so.0", "libopenblas_nolapack.so.0"}) {
                Path link = links.resolve(name);
                if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(DEBIAN_OPENBLAS)) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, DEBIAN_OPENBLAS);
                }
            }
            System.setProperty("org.bytedeco.javacpp.pathsFirst", "true");
            System.setProperty("java.library.path", links.toString());
            System.setProperty("org.bytedeco.openblas.load", "openblas_nolapack@.0");
            System.setProperty("org.bytedeco.javacpp.cachedir", CacheDirectory.root().resolve("javacpp-system-blas").toString());
            return "system";
        } catch (IOException e) {
            if ("system".equals(choice)) throw new IllegalStateException("cannot link the system OpenBLAS: " + e.getMessage(), e);
            return "bundled";
        }
    }

    /** The OpenBLAS libraries mapped into this process, e.g. "libopenblasp-r0.3.21.so", and OPENBLAS_CORETYPE if set. */
    public static String inUse() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.lastIndexOf('/');
                if (slash >= 0 && line.substring(slash).contains("openblas")) names.add(line.substring(slash + 1));
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        String libraries = names.stream().filter(n -> !n.startsWith("libjni")).reduce((a, b) -> a + ", " + b).orElse("none loaded");
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        return libraries + (coretype == null ? "" : " (OPENBLAS_CORETYPE=" + coretype + ")");
    }
}
