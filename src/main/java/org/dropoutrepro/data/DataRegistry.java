package org.dropoutrepro.data;

import org.dropoutrepro.spec.Task;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.spec.SpecSchema;
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

    /** Every data set kind, by its {@code data.dataset} name. */
    private static final Map<String, DataSource> SOURCES = new LinkedHashMap<>();

    static {
        for (DataSource source : BuiltInSources.all()) SOURCES.put(source.name(), source);
        for (DataSource source : List.of(new CsvSource(), new ImageFolderSource())) SOURCES.put(source.name(), source);
    }

    /** The source named by {@code data.dataset}. */
    public static DataSource source(String name) {
        DataSource source = SOURCES.get(name);
        if (source == null) throw new IllegalArgumentException("unknown data set " + name + "; known: " + String.join(", ", SOURCES.keySet()));
        return source;
    }

    /** The splits a configuration asks for; {@code dataDirOverride} (from --data-dir) wins over {@code data.dir}. */
    public static DataBundle splits(Sections.Data spec, Path dataDirOverride) {
        Loaded loaded = loaded(spec, dataDirOverride);
        String key = loaded.key() + "|" + spec.validationSize() + "|" + spec.trainSize() + "|" + spec.testSize() + "|" + spec.splitSeed()
                + "|" + spec.normalize();
        return SPLITS.computeIfAbsent(key, k -> split(raw(loaded), spec));
    }

    /** The whole data set, loaded on first use. */
    public static RawData raw(Sections.Data spec, Path dataDirOverride) {
        return raw(loaded(spec, dataDirOverride));
    }

    private static RawData raw(Loaded loaded) {
        return LOADED.computeIfAbsent(loaded.key(), k -> loaded.loader().get());
    }

    /** A data set as loaded: the key it is cached under, and how to load it. */
    private record Loaded(String key, Supplier<RawData> loader) {
    }

    private static Loaded loaded(Sections.Data spec, Path dataDirOverride) {
        DataSource source = source(spec.dataset());
        requireOwnKeys(source, spec);
        return new Loaded(source.name() + "|" + source.loadKey(spec, dataDirOverride), () -> source.load(spec, dataDirOverride));
    }

    /** A data key that the chosen data set does not read must stay at its default: a csv key on mnist-10k is a mistake. */
    private static void requireOwnKeys(DataSource source, Sections.Data spec) {
        Map<String, Object> values = dataValues(spec);
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String key = entry.getKey();
            if (DataSource.COMMON_KEYS.contains(key) || source.keys().contains(key)) continue;
            Object defaultValue = SpecSchema.key(key).defaultValue();
            if (!java.util.Objects.equals(entry.getValue(), defaultValue)) {
                throw DataFileException.ofKey(key, "does not apply to data set " + source.name() + "; its own keys: "
                        + (source.keys().isEmpty() ? "none" : String.join(", ", source.keys())) + " (and "
                        + String.join(", ", DataSource.COMMON_KEYS) + ")");
            }
        }
    }

    private static Map<String, Object> dataValues(Sections.Data spec) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data.dir", spec.dir());
        values.put("data.path", spec.path());
        values.put("data.testPath", spec.testPath());
        values.put("data.testDir", spec.testDir());
        values.put("data.testFraction", spec.testFraction());
        values.put("data.task", spec.task().name().toLowerCase(java.util.Locale.ROOT));
        values.put("data.labelColumn", spec.labelColumn());
        values.put("data.header", spec.header());
        values.put("data.delimiter", spec.delimiter());
        values.put("data.height", spec.height());
        values.put("data.width", spec.width());
        values.put("data.channels", spec.channels());
        values.put("data.onBadFile", spec.onBadFile());
        return values;
    }

    private static DataBundle split(RawData raw, Sections.Data spec) {
        int pool = (int) raw.trainFeatures().rows();
        int validation = spec.validationSize();
        if (validation >= pool) {
            throw new DataFileException("data.validationSize " + validation + " leaves no training examples: " + raw.name()
                    + " has " + pool + " in its training pool; set data.validationSize below " + pool);
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
        if (!"none".equals(spec.normalize())) {
            FeatureScaling.Scaled scaled = FeatureScaling.fitOnTraining(spec.normalize(), trainSplit, validationSplit, test);
            return new DataBundle(raw.task(), scaled.train(), scaled.validation(), scaled.test(), raw.files(), note + "; " + scaled.note());
        }
        return new DataBundle(raw.task(), trainSplit, validationSplit, test, raw.files(), note);
    }
}
