package org.dropoutrepro.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunOutcome;
import org.dropoutrepro.train.TestMistakes;
import org.dropoutrepro.train.Trainer;

/**
 * Retrains one recorded run from its resolved configuration and seed, and says metric by metric whether
 * the result is bit-identical (after Tribuo's ReproUtil). On the CPU backend on the same machine it must be.
 */
public final class Reproducer {

    /** One compared quantity. */
    public record Comparison(String metric, String recorded, String reproduced, boolean identical) {
    }

    private Reproducer() {
    }

    /** Finds the run named by {@code runPath} ({@code DIR/runs/<run>} or {@code DIR/runs/<run>.csv}). */
    private static RunRecord find(Path runPath) throws IOException {
        Path dir = experimentDir(runPath);
        String runId = runId(runPath);
        return ResultStore.readRuns(dir).stream().filter(r -> r.runId().equals(runId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no finished run '" + runId + "' in " + dir.resolve(ResultStore.RUNS)));
    }

    private static Path experimentDir(Path runPath) {
        Path parent = runPath.toAbsolutePath().normalize().getParent();
        if (parent == null || parent.getParent() == null || !parent.getFileName().toString().equals(ResultStore.EPOCHS_DIR)) {
            throw new IllegalArgumentException(runPath + ": expected EXPERIMENT_DIR/runs/RUN_ID (e.g. reports/quickstart/runs/c1-dropout-s1)");
        }
        return parent.getParent();
    }

    private static String runId(Path runPath) {
        return runPath.getFileName().toString().replaceFirst("\\.csv$", "");
    }

    /** Retrains the run and compares; prints a table to {@code out}. */
    public static List<Comparison> reproduce(Path runPath, Path dataDir, PrintStream out) throws IOException {
        Path dir = experimentDir(runPath);
        RunRecord recorded = find(runPath);
        Manifest manifest = ResultStore.requireManifest(dir);
        Manifest.ConfigEntry entry = manifest.configs().stream().filter(c -> c.index() == recorded.configIndex()).findFirst()
                .orElseThrow(() -> new IllegalStateException(dir + ": experiment.json has no configuration " + recorded.configIndex()));
        RunConfig config = RunConfig.defaults().withOverrides(entry.values(), dir.resolve(ResultStore.MANIFEST).toString());
        out.printf("Retraining %s (configuration '%s', seed %d) ...%n", recorded.runId(), entry.name(), recorded.seed());
        RunOutcome outcome = Trainer.train(config, DataRegistry.splits(config.data(), dataDir), recorded.seed(), recorded.testError() != null,
                Trainer.IGNORE, List.of());
        List<Comparison> comparisons = compare(recorded, outcome);
        for (Comparison c : comparisons) {
            out.printf(Locale.ROOT, "  %-28s %-24s %-24s %s%n", c.metric(), c.recorded(), c.reproduced(), c.identical() ? "identical" : "DIFFERENT");
        }
        long different = comparisons.stream().filter(c -> !c.identical()).count();
        out.println(different == 0 ? "Bit-identical: every metric and the final parameters match."
                : different + " of " + comparisons.size() + " quantities differ.");
        String machines = machineNote(recorded.provenance(), Provenance.capture(List.of("reproduce")));
        if (machines != null) out.println(machines);
        return comparisons;
    }

    /**
     * What to expect of the bits when the run was recorded on another kind of machine (or one that may be): null when
     * it was the same kind, or nothing was recorded.
     */
    static String machineNote(Provenance recorded, Provenance here) {
        if (recorded == null) return null;
        Boolean same = Provenance.sameMachine(recorded, here);
        if (Boolean.TRUE.equals(same)) return null;
        return (same == null ? "The run was recorded on a CPU named only '" + recorded.cpuModel() + "' (" + recorded.machine()
                + "), which may or may not be this one's kind (" + here.machine() + ")"
                : "The run was recorded on another machine (" + recorded.machine() + ") than this one (" + here.machine() + ")")
                + ": bit-identity is expected only on the same kind of CPU, thread count and BLAS, since OpenBLAS picks its kernels "
                + "and splits its products by CPU and threads, and they group the sums differently. Differences in the last bits "
                + "then say nothing about the code.";
    }

    static List<Comparison> compare(RunRecord recorded, RunOutcome outcome) {
        List<Comparison> out = new ArrayList<>();
        out.add(of("status", recorded.status(), outcome.status()));
        int epochs = Math.max(recorded.epochs().size(), outcome.epochs().size());
        for (int i = 0; i < epochs; i++) {
            EpochMetrics a = i < recorded.epochs().size() ? recorded.epochs().get(i) : null;
            EpochMetrics b = i < outcome.epochs().size() ? outcome.epochs().get(i) : null;
            out.add(of("epoch " + (i + 1) + " train loss", a == null ? null : a.trainLoss(), b == null ? null : b.trainLoss()));
            out.add(of("epoch " + (i + 1) + " train error", a == null ? null : a.trainError(), b == null ? null : b.trainError()));
            out.add(of("epoch " + (i + 1) + " validation error", a == null ? null : a.validationError(), b == null ? null : b.validationError()));
        }
        out.add(of("test error", recorded.testError(), outcome.testError()));
        if (recorded.testMistakes() != null) { // runs recorded since the misclassified examples were kept
            TestMistakes again = outcome.testMistakes();
            out.add(new Comparison("misclassified test examples", recorded.testMistakes().count() + " examples",
                    again == null ? null : again.count() + " examples", recorded.testMistakes().equals(again)));
        }
        out.add(new Comparison("parameters SHA-256", shortHash(recorded.parameterSha256()), shortHash(outcome.parameterSha256()),
                Objects.equals(recorded.parameterSha256(), outcome.parameterSha256())));
        return out;
    }

    private static Comparison of(String metric, Object recorded, Object reproduced) {
        return new Comparison(metric, String.valueOf(recorded), String.valueOf(reproduced), Objects.equals(recorded, reproduced));
    }

    private static String shortHash(String hash) {
        return hash == null ? null : hash.substring(0, 16);
    }
}
