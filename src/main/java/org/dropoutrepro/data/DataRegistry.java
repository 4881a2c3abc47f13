package org.dropoutrepro.data;

import org.dropoutrepro.spec.Task;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dropoutrepro.spec.Sections;

/**
 * Loads each data set once per JVM and hands out splits of it: every run, every configuration of a
 * sweep and every candidate of a search shares the same arrays. The validation set is held out of the
 * training pool with a fixed seed ({@code data.splitSeed}), so it is the same for every run seed; the
 * test set is only used for the final evaluation.
 */
public final class DataRegistry {

    private static final Map<String, RawData> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, DataBundle> SPLITS = new ConcurrentHashMap<>();

    private DataRegistry() {
    }

    /** The splits a configuration asks for; {@code dataDirOverride} (from --data-dir) wins over {@code data.dir}. */
    public static DataBundle splits(Sections.Data spec, Path dataDirOverride) {
        Source source = source(spec, dataDirOverride);
        String key = source.key() + "|" + spec.validationSize() + "|" + spec.trainSize() + "|" + spec.testSize() + "|" + spec.splitSeed();
        return SPLITS.computeIfAbsent(key, k -> split(raw(source), spec));
    }

    /** The whole data set, loaded on first use. */
    public static RawData raw(Sections.Data spec, Path dataDirOverride) {
        return raw(source(spec, dataDirOverride));
    }

    private static RawData raw(Source source) {
        return LOADED.computeIfAbsent(source.key(), k -> source.loader().get());
    }

    /** A data set as loaded: the key it is cached under, and how to load it. */
    private record Source(String key, Supplier<RawData> loader) {
    }

    private static Source source(Sections.Data spec, Path dataDirOverride) {
        String dataset = spec.dataset();
        Path dir = dataDirOverride != null ? dataDirOverride : spec.dir() != null ? Path.of(spec.dir()) : null;
        return switch (dataset) {
            case "mnist" -> {
                if (dir == null) {
                    throw new DataFileException("data set mnist: no directory given. Pass --data-dir DIR or set data.dir "
                            + "to a directory with the four standard MNIST IDX files (train-images-idx3-ubyte[.gz], "
                            + "train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]). "
                            + "Without them, use mnist-10k (fetched automatically) or fashion-mnist.");
                }
                yield new Source("mnist|" + dir.toAbsolutePath(), () -> IdxDataSets.load("mnist", dir,
                        "Give a directory with the four standard MNIST IDX files."));
            }
            case "fashion-mnist" -> {
                Path fashionDir = dir != null ? dir : FashionMnist.directory();
                yield new Source("fashion-mnist|" + fashionDir.toAbsolutePath(), () -> IdxDataSets.load(
                        "fashion-mnist", fashionDir, FashionMnist.HOW_TO_GET));
            }
            case "mnist-10k" -> new Source("mnist-10k", Mnist10k::load);
            case "synthetic-regression" -> {
                int pool = spec.validationSize() + (spec.trainSize() != null ? spec.trainSize() : SyntheticRegression.DEFAULT_POINTS);
                int test = spec.testSize() != null ? spec.testSize() : SyntheticRegression.DEFAULT_POINTS;
                yield new Source("synthetic|" + pool + "|" + test + "|" + spec.splitSeed(),
                        () -> SyntheticRegression.generate(pool, test, spec.splitSeed()));
            }
            default -> throw new IllegalArgumentException("unknown data set " + dataset);
        };
    }

    private static DataBundle split(RawData raw, Sections.Data spec) {
        int pool = (int) raw.trainFeatures().rows();
        int validation = spec.validationSize();
        if (validation >= pool) {
            throw new DataFileException("data.validationSize " + validation + " leaves no training examples: " + raw.name()
                    + " has " + pool + " in its training pool");
        }
        int remaining = pool - validation;
        Integer requestedTrain = spec.trainSize();
        if (requestedTrain != null && requestedTrain > remaining) {
            throw new DataFileException("data.trainSize " + requestedTrain + " is more than the " + remaining + " examples of "
                    + raw.name() + " left after holding out " + validation + " for validation");
        }
        int train = requestedTrain != null ? requestedTrain : remaining;
        int[] order = Permutation.of(pool, new Random(spec.splitSeed()));
        Split all = new Split(raw.trainFeatures(), raw.trainLabels());
        Split trainSplit = all.rows(Arrays.copyOfRange(order, validation, validation + train));
        Split validationSplit = validation == 0 ? null : all.rows(Arrays.copyOfRange(order, 0, validation));
        int testTotal = (int) raw.testFeatures().rows();
        Integer requestedTest = spec.testSize();
        if (requestedTest != null && requestedTest > testTotal) {
            throw new DataFileException("data.testSize " + requestedTest + " is more than the " + testTotal
                    + " test examples of " + raw.name());
        }
        Split test = new Split(raw.testFeatures(), raw.testLabels());
        if (requestedTest != null && requestedTest < testTotal) {
            test = test.rows(Arrays.copyOf(Permutation.of(testTotal, new Random(spec.splitSeed())), requestedTest));
        }
        String note = raw.note() + "; used: " + train + " training, " + validation + " validation, " + test.size() + " test";
        return new DataBundle(raw.task(), trainSplit, validationSplit, test, raw.files(), note);
    }
}
