package org.dropoutrepro.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dropoutrepro.results.ExperimentDirs;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.train.RunStatus;

/**
 * A user's experiment against the committed reference of the same experiment ({@code reports/<name>}):
 * per configuration, whether every run came out bit for bit as the committed one (the SHA-256 of the
 * final parameters, per run id), and if not (another CPU or BLAS), whether the two agree within their
 * intervals: the 95% Welch interval of the difference in mean test error (this run minus the
 * reference) contains zero.
 */
public final class ReferenceComparison {

    /** The verdict for one configuration. */
    public enum Verdict { BIT_IDENTICAL, AGREE, DIFFER, UNDECIDED, NOT_COMPARABLE }

    /** One configuration compared: runs present in both, how many of them bit-identical, means and difference. */
    public record Row(String configuration, int compared, int identical, Stats.Summary ours, Stats.Summary reference,
                      Stats.Difference difference, Verdict verdict) {
    }

    private ReferenceComparison() {
    }

    /**
     * Appends the section "Against the committed reference" to {@code markdown} and one line per configuration
     * to {@code console}, when a committed reference of this experiment exists and is not {@code dir} itself.
     */
    public static void appendTo(StringBuilder markdown, List<String> console, Path dir, Manifest manifest, List<RunRecord> runs)
            throws IOException {
        Path reference = ExperimentDirs.referenceDir(manifest.name(), manifest.profile());
        if (!Files.isRegularFile(reference.resolve(ResultStore.MANIFEST))) return;
        if (Files.isSameFile(reference, dir)) return;
        Manifest referenceManifest = ResultStore.requireManifest(reference);
        List<RunRecord> referenceRuns = ResultStore.readRuns(reference);
        List<Row> rows = compare(manifest, runs, referenceManifest, referenceRuns);
        double factor = manifest.task() == Task.CLASSIFICATION ? 100 : 1;
        String unit = factor == 100 ? " (%)" : " (MSE)";
        String where = reference.toString().replace('\\', '/');
        markdown.append("\n## Against the committed reference\n\nThe committed results in `").append(where)
                .append("` (").append(machine(referenceRuns)).append(") against this run (").append(machine(runs)).append("). ")
                .append("A configuration is reproduced bit for bit when every run of it that both have ends with the same SHA-256 of "
                        + "its final parameters; otherwise the two agree when the 95% Welch interval of the difference in mean "
                        + "test error (this run minus the reference) contains zero.\n\n");
        markdown.append("| configuration | runs compared | bit-identical | this run").append(unit).append(" | reference").append(unit)
                .append(" | difference, 95% interval | verdict |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            markdown.append("| ").append(row.configuration()).append(" | ").append(row.compared()).append(" | ").append(row.identical())
                    .append(" | ").append(format(row.ours().mean(), factor)).append(" | ").append(format(row.reference().mean(), factor))
                    .append(" | ").append(interval(row.difference(), factor)).append(" | ").append(describe(row.verdict())).append(" |\n");
            console.add(String.format(Locale.ROOT, "  against %s: %-20s %s (%d of %d runs bit-identical)", where, row.configuration(),
                    describe(row.verdict()), row.identical(), row.compared()));
        }
    }

    /** Compares configuration by configuration, matched by index and name, runs matched by run id. */
    public static List<Row> compare(Manifest manifest, List<RunRecord> runs, Manifest referenceManifest, List<RunRecord> referenceRuns) {
        Map<String, RunRecord> referenceById = referenceRuns.stream().collect(Collectors.toMap(RunRecord::runId, Function.identity(), (a, b) -> b));
        List<Row> rows = new ArrayList<>();
        for (Manifest.ConfigEntry config : manifest.configs()) {
            Manifest.ConfigEntry counterpart = referenceManifest.configs().stream()
                    .filter(c -> c.index() == config.index() && c.name().equals(config.name())).findFirst().orElse(null);
            List<RunRecord> ours = runs.stream().filter(r -> r.configIndex() == config.index()).toList();
            List<RunRecord> theirs = counterpart == null ? List.of()
                    : referenceRuns.stream().filter(r -> r.configIndex() == counterpart.index()).toList();
            Stats.Summary ourErrors = Stats.summarize(testErrors(ours));
            Stats.Summary theirErrors = Stats.summarize(testErrors(theirs));
            if (counterpart == null || !counterpart.values().equals(config.values())) {
                rows.add(new Row(config.name(), 0, 0, ourErrors, theirErrors, new Stats.Difference(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                        Verdict.NOT_COMPARABLE));
                continue;
            }
            int compared = 0;
            int identical = 0;
            for (RunRecord run : ours) {
                RunRecord other = referenceById.get(run.runId());
                if (other == null) continue;
                compared++;
                if (Objects.equals(run.parameterSha256(), other.parameterSha256())) identical++;
            }
            Stats.Difference difference = Stats.welch(testErrors(ours), testErrors(theirs));
            Verdict verdict;
            if (compared > 0 && identical == compared && ours.size() == compared) verdict = Verdict.BIT_IDENTICAL;
            else if (Double.isNaN(difference.low())) verdict = Verdict.UNDECIDED;
            else if (difference.low() <= 0 && difference.high() >= 0) verdict = Verdict.AGREE;
            else verdict = Verdict.DIFFER;
            rows.add(new Row(config.name(), compared, identical, ourErrors, theirErrors, difference, verdict));
        }
        return rows;
    }

    private static List<Double> testErrors(List<RunRecord> runs) {
        return runs.stream().filter(r -> r.status() == RunStatus.COMPLETED && r.testError() != null).map(RunRecord::testError).toList();
    }

    private static String describe(Verdict verdict) {
        return switch (verdict) {
            case BIT_IDENTICAL -> "reproduced bit for bit";
            case AGREE -> "not bit-identical; agrees within the intervals";
            case DIFFER -> "not bit-identical; DIFFERS beyond the intervals";
            case UNDECIDED -> "not bit-identical; too few seeds for an interval";
            case NOT_COMPARABLE -> "not compared: the reference has no such configuration or resolved it differently";
        };
    }

    private static String machine(List<RunRecord> runs) {
        if (runs.isEmpty() || runs.get(runs.size() - 1).provenance() == null) return "no runs";
        var provenance = runs.get(runs.size() - 1).provenance();
        String commit = provenance.gitCommit() == null ? "unknown" : provenance.gitCommit().substring(0, Math.min(10, provenance.gitCommit().length()));
        return provenance.cpuModel() + ", BLAS " + provenance.blas() + ", git " + commit;
    }

    private static String format(double value, double factor) {
        if (Double.isNaN(value)) return "n/a";
        return factor == 100 ? String.format(Locale.ROOT, "%.2f", value * 100) : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String interval(Stats.Difference difference, double factor) {
        if (Double.isNaN(difference.mean())) return "n/a";
        String mean = format(difference.mean(), factor);
        return Double.isNaN(difference.low()) ? mean : mean + " [" + format(difference.low(), factor) + ", " + format(difference.high(), factor) + "]";
    }
}
