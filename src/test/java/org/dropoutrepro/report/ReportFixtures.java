package org.dropoutrepro.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.results.Json;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunStatus;

/** Hand-made experiments (configurations, runs with chosen errors) for the report's tests. */
final class ReportFixtures {

    static final int TEST_EXAMPLES = 2000;

    private final List<Manifest.ConfigEntry> configs = new ArrayList<>();
    private final List<RunRecord> runs = new ArrayList<>();
    private final List<ExperimentSpec.Claim> claims = new ArrayList<>();
    private boolean dirty;
    private String paperSource = "the paper";

    static Provenance provenance(boolean dirty) {
        return new Provenance("2026-01-01T00:00:00Z", List.of("test"), Map.of("deeplearning4j-nn", "1.0.0-beta7"), "17", "Linux",
                "Test CPU", 2, null, "CpuBackend", "openblas", "0123456789abcdef", dirty);
    }

    /** A configuration of {@code variant} (sweep coordinates {@code sweep}) whose completed runs have these test errors. */
    ReportFixtures config(String variant, Map<String, Object> sweep, double... testErrors) {
        int index = configs.size();
        String name = variant + sweep.entrySet().stream().map(e -> " " + e.getKey().substring(e.getKey().indexOf('.') + 1) + "=" + e.getValue())
                .reduce("", String::concat);
        Map<String, Object> values = new LinkedHashMap<>(RunConfig.defaults().withOverrides(sweep, "test").values());
        List<Integer> seeds = new ArrayList<>();
        for (int seed = 1; seed <= testErrors.length; seed++) seeds.add(seed);
        values.put("training.seeds", seeds);
        configs.add(new Manifest.ConfigEntry(index, name, variant, sweep, null, values));
        for (int seed = 1; seed <= testErrors.length; seed++) {
            double error = testErrors[seed - 1];
            runs.add(run(index, name, variant, seed, RunStatus.COMPLETED, error, List.of(epoch(1, 1.0, Math.min(0.5, error * 2)),
                    epoch(2, 0.3, error / 2))));
        }
        return this;
    }

    /**
     * A configuration of {@code variant} whose completed runs misclassified these test examples, one set per seed (of
     * {@link #TEST_EXAMPLES}); each run's test error is its count over that number.
     */
    ReportFixtures configWithMistakes(String variant, java.util.BitSet... perSeed) {
        double[] errors = new double[perSeed.length];
        for (int i = 0; i < perSeed.length; i++) errors[i] = perSeed[i].cardinality() / (double) TEST_EXAMPLES;
        config(variant, errors);
        for (int i = 0; i < perSeed.length; i++) {
            RunRecord run = runs.get(runs.size() - perSeed.length + i);
            runs.set(runs.size() - perSeed.length + i, new RunRecord(run.runId(), run.configIndex(), run.configName(), run.variant(),
                    run.seed(), run.status(), run.testError(), run.epochs(), run.parameterSha256(), run.seconds(), run.divergence(),
                    run.provenance(), org.dropoutrepro.train.TestMistakes.of(perSeed[i], TEST_EXAMPLES)));
        }
        return this;
    }

    ReportFixtures config(String variant, double... testErrors) {
        return config(variant, Map.of(), testErrors);
    }

    /** Adds a run of the last configuration. */
    ReportFixtures run(RunStatus status, Double testError, List<EpochMetrics> epochs) {
        Manifest.ConfigEntry last = configs.get(configs.size() - 1);
        int seed = (int) runs.stream().filter(r -> r.configIndex() == last.index()).count() + 1;
        runs.add(run(last.index(), last.name(), last.variant(), seed, status, testError, epochs));
        List<Integer> seeds = new ArrayList<>();
        for (int s = 1; s <= seed; s++) seeds.add(s);
        Map<String, Object> values = new java.util.LinkedHashMap<>(last.values());
        values.put("training.seeds", seeds);
        configs.set(configs.size() - 1, new Manifest.ConfigEntry(last.index(), last.name(), last.variant(), last.sweepValues(),
                last.paperTestErrorPercent(), values));
        return this;
    }

    /** Plans {@code seeds} seeds for the last configuration, more than it has runs: an unfinished experiment. */
    ReportFixtures plannedSeeds(int seeds) {
        Manifest.ConfigEntry last = configs.get(configs.size() - 1);
        List<Integer> planned = new ArrayList<>();
        for (int s = 1; s <= seeds; s++) planned.add(s);
        Map<String, Object> values = new LinkedHashMap<>(last.values());
        values.put("training.seeds", planned);
        configs.set(configs.size() - 1, new Manifest.ConfigEntry(last.index(), last.name(), last.variant(), last.sweepValues(),
                last.paperTestErrorPercent(), values));
        return this;
    }

    ReportFixtures claim(String statement, String better, String worse) {
        claims.add(new ExperimentSpec.Claim(statement, better, worse, "test.yaml:1"));
        return this;
    }

    /** The part of the paper the experiment cites, as a spec's {@code paper:} key. */
    ReportFixtures paperSource(String source) {
        paperSource = source;
        return this;
    }

    ReportFixtures dirty() {
        dirty = true;
        return this;
    }

    static EpochMetrics epoch(int epoch, double loss, double trainError) {
        return new EpochMetrics(epoch, loss, trainError, trainError + 0.01, 1.0);
    }

    private RunRecord run(int index, String name, String variant, int seed, RunStatus status, Double testError, List<EpochMetrics> epochs) {
        return new RunRecord("c" + index + "-" + name.replace(' ', '-') + "-s" + seed, index, name, variant, seed, status, testError, epochs,
                status == RunStatus.DIVERGED ? null : "ab".repeat(32), 10.0, status == RunStatus.DIVERGED ? "loss became NaN" : null,
                provenance(false));
    }

    Manifest manifest(String name) {
        return new Manifest(name, "A hand-made experiment.", "experiments/" + name + ".yaml", null, "default", paperSource, configs, claims,
                "fixture: used: 5000 training, 1000 validation, " + TEST_EXAMPLES + " test", List.of(), Task.CLASSIFICATION,
                new Manifest.DataSizes(5000, 1000, TEST_EXAMPLES, 10));
    }

    /** The analysis ReportWriter would make of this experiment. */
    ReportWriter.Analysis analysis(Path dir) throws IOException {
        return ReportWriter.Analysis.of(write(dir, "fixture"));
    }

    /** Writes experiment.json and runs.jsonl into {@code dir}. */
    Path write(Path dir, String name) throws IOException {
        Files.createDirectories(dir.resolve("runs"));
        Json.MAPPER.writeValue(dir.resolve("experiment.json").toFile(), manifest(name));
        StringBuilder lines = new StringBuilder();
        for (RunRecord run : runs) {
            RunRecord written = dirty ? new RunRecord(run.runId(), run.configIndex(), run.configName(), run.variant(), run.seed(), run.status(),
                    run.testError(), run.epochs(), run.parameterSha256(), run.seconds(), run.divergence(), provenance(true),
                    run.testMistakes()) : run;
            lines.append(Json.MAPPER.writeValueAsString(written)).append('\n');
        }
        Files.writeString(dir.resolve("runs.jsonl"), lines.toString(), StandardCharsets.UTF_8);
        return dir;
    }
}
