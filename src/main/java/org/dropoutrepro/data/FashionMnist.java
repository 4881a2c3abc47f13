package org.dropoutrepro.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.runtime.CacheDirectory;

/**
 * Where Fashion-MNIST's four IDX files are: Debian's package {@code dataset-fashion-mnist} when it is
 * installed, else the toolkit's cache, which is filled without root the first time: the package is
 * downloaded ({@code apt-get download}, else straight from Debian's archive) and unpacked with
 * {@code dpkg-deb -x}. Either way, each file is checked against the SHA-256 of the published files.
 */
public final class FashionMnist {

    /** Where Debian's package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String PACKAGE = "dataset-fashion-mnist";
    /** The package in Debian's archive, used when {@code apt-get download} cannot fetch it (e.g. no package lists). */
    static final String ARCHIVE_URL = "https://deb.debian.org/debian/pool/main/d/dataset-fashion-mnist/"
            + "dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb";
    /** SHA-256 of the four files (the same in every version of the package: the data set does not change). */
    static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
            "train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
            "t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
            "t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05");

    private FashionMnist() {
    }

    /** The directory with the four files: Debian's, else the cache's, fetched there first if need be. */
    public static Path directory() {
        if (Files.isDirectory(DEBIAN_DIR)) return DEBIAN_DIR;
        Path cached = CacheDirectory.root().resolve("fashion-mnist");
        if (!complete(cached)) fetch(cached);
        return cached;
    }

    private static boolean complete(Path dir) {
        return SHA256.keySet().stream().allMatch(name -> Files.isRegularFile(dir.resolve(name)));
    }

    /** Downloads the package and unpacks its four files into {@code target}, checking each file's SHA-256. */
    public static void fetch(Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path work = Files.createTempDirectory(target.getParent(), "fetch-fashion-mnist-");
            try {
                System.err.println("Fetching Fashion-MNIST (Debian's " + PACKAGE + ", about 31 MB) into " + target + " ...");
                Path deb = download(work);
                Path unpacked = work.resolve("unpacked");
                run(work, "dpkg-deb", "-x", deb.toString(), unpacked.toString());
                Path files = unpacked.resolve(DEBIAN_DIR.toString().substring(1));
                Path staging = work.resolve("fashion-mnist");
                Files.createDirectories(staging);
                for (Map.Entry<String, String> file : SHA256.entrySet()) {
                    Path source = files.resolve(file.getKey());
                    if (!Files.isRegularFile(source)) throw new DataFileException(deb, "has no " + DEBIAN_DIR.resolve(file.getKey()));
                    String sha256 = FileHash.of(source).sha256();
                    if (!sha256.equals(file.getValue())) {
                        throw new DataFileException(source, "SHA-256 " + sha256 + "; expected " + file.getValue());
                    }
                    Files.move(source, staging.resolve(file.getKey()));
                }
                deleteRecursively(target);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteRecursively(work);
            }
        } catch (IOException e) {
            throw new DataFileException("fashion-mnist: cannot write the cache " + target + ": " + e.getMessage());
        }
    }

    /** {@code apt-get download} (the machine's mirror, verified by apt), else Debian's archive over HTTPS. */
    private static Path download(Path work) throws IOException {
        try {
            run(work, "apt-get", "download", "-qq", PACKAGE);
            try (var debs = Files.list(work)) {
                List<Path> found = debs.filter(file -> file.getFileName().toString().endsWith(".deb")).toList();
                if (found.size() == 1) return found.get(0);
            }
        } catch (DataFileException aptFailed) {
            System.err.println("  apt-get download did not work (" + aptFailed.getMessage() + "); trying " + ARCHIVE_URL);
        }
        Path deb = work.resolve("dataset-fashion-mnist.deb");
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(ARCHIVE_URL)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new DataFileException("fashion-mnist: " + ARCHIVE_URL + " answered HTTP " + response.statusCode() + ". " + HOW_TO_GET);
            }
            try (InputStream in = response.body()) {
                Files.copy(in, deb);
            }
            return deb;
        } catch (IOException e) {
            throw new DataFileException("fashion-mnist: cannot download " + ARCHIVE_URL + " (" + e.getMessage() + "). " + HOW_TO_GET);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFileException("fashion-mnist: interrupted while downloading");
        }
    }

    /** What to do when the fetch fails. */
    public static final String HOW_TO_GET = "Install Debian's package (apt-get install " + PACKAGE + ") or pass --data-dir DIR "
            + "with the four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
            + "t10k-labels-idx1-ubyte.gz).";

    private static void run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new DataFileException("'" + String.join(" ", command) + "' failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new DataFileException("'" + command[0] + "' is not available (" + e.getMessage() + "). " + HOW_TO_GET);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFileException("interrupted while running " + command[0]);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (var walk = Files.walk(path)) {
            for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }
}
