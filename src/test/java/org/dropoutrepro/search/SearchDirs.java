package org.dropoutrepro.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.data.FileHash;
import org.dropoutrepro.results.Json;
import org.dropoutrepro.results.JsonLines;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.train.EpochMetrics;

/** Search directories written by hand (search.json, trials.jsonl, final.jsonl), for report tests that train nothing. */
final class SearchDirs {

    static final List<FileHash> DATA = List.of(new FileHash("train-images-idx3-ubyte.gz", "ab12", 100));

    private SearchDirs() {
    }

    /** A base configuration: the defaults with {@code overrides} (key, value, key, value, ...). */
    static Map<String, Object> base(Object... overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < overrides.length; i += 2) values.put((String) overrides[i], overrides[i + 1]);
        return RunConfig.defaults().withOverrides(values, "test").values();
    }

    static SearchSpec.Dimension range(String key, double min, double max, boolean log) {
        return new SearchSpec.Dimension(key, log ? SearchSpec.Scale.LOG : SearchSpec.Scale.LINEAR, min, max, List.of(), "test");
    }

    static SearchSpec spec(int trials, int finalSeeds, SearchSpec.Pruning pruning, String baseline, SearchSpec.Dimension... space) {
        return new SearchSpec(SearchSpec.Method.RANDOM, trials, 1, 1, null, List.of(space), pruning, finalSeeds, 5, false, 12, baseline);
    }

    /** A search of a 10-class task, as every committed search is. */
    static SearchLog.Identity identity(String name, Map<String, Object> base, SearchSpec search) {
        return new SearchLog.Identity(name, "experiments/" + name + ".yaml", "default", base, search.describe(), DATA, "test data",
                List.of("./dropout", "search", "experiments/" + name + ".yaml"), search.baseline(), null, null).withClasses(10);
    }

    /** Writes {@code identity}, {@code trials} and {@code finals} into {@code dir}. */
    static Path write(Path dir, SearchLog.Identity identity, List<TrialRecord> trials, List<FinalSeedRecord> finals) throws Exception {
        Files.createDirectories(dir);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(SearchLog.IDENTITY).toFile(), identity);
        for (TrialRecord trial : trials) JsonLines.append(dir.resolve(SearchLog.TRIALS), trial);
        for (FinalSeedRecord f : finals) JsonLines.append(dir.resolve(SearchLog.FINALS), f);
        return dir;
    }

    /** A trial with a validation curve falling linearly to {@code error} over {@code epochs} epochs, and {@code values} (key, value, ...). */
    static TrialRecord trial(int number, String status, double error, int epochs, Object... values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i += 2) map.put((String) values[i], values[i + 1]);
        List<EpochMetrics> curve = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) curve.add(new EpochMetrics(e, 0.5, 0.1, error + 0.01 * (epochs - e), 1.0));
        return new TrialRecord(number, status, map, epochs == 0 ? null : error, curve, 1, epochs, null, new double[0], null);
    }

    /** {@code count} finished final seeds of {@code bestTrial}. */
    static List<FinalSeedRecord> finals(int bestTrial, int count) {
        List<FinalSeedRecord> out = new ArrayList<>();
        for (int seed = 2; seed < 2 + count; seed++) {
            out.add(new FinalSeedRecord(bestTrial, seed, "completed", 0.1, 0.1, List.of(), 1, null, null));
        }
        return out;
    }
}
