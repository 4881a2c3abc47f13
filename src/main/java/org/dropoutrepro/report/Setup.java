package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dropoutrepro.model.MaxNormBound;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;

/** What a report says about how its runs were made: max-norm's meaning, compute, and whether the code was committed. */
final class Setup {

    private Setup() {
    }

    /** The configuration a manifest entry resolved to. */
    static RunConfig config(Manifest.ConfigEntry entry) {
        return RunConfig.defaults().withOverrides(entry.values(), "experiment.json");
    }

    /**
     * One line per distinct max-norm setting: which meaning of c was used and the bound on each hidden layer's
     * trained weights and on the paper's unscaled ones (Section 4, Appendix A.3).
     */
    static List<String> maxNorm(Manifest manifest) {
        Set<String> lines = new LinkedHashSet<>();
        for (Manifest.ConfigEntry entry : manifest.configs()) {
            RunConfig config = config(entry);
            Double c = config.regularization().maxNorm();
            if (c == null) continue;
            List<Double> trained = MaxNormBound.perLayer(config);
            List<String> paper = new ArrayList<>();
            for (int layer = 0; layer < trained.size(); layer++) {
                paper.add(number(trained.get(layer) / MaxNormBound.trainedWeightScale(config.dropout(), layer)));
            }
            String bounds = "trained weights bounded at " + trained.stream().map(Setup::number).collect(Collectors.joining(" / "))
                    + ", the paper's unscaled weights at " + String.join(" / ", paper) + " (hidden layers in order)";
            lines.add(config.regularization().maxNormMeaning() == Sections.MaxNormMeaning.PAPER
                    ? "c = " + number(c) + " in the paper's meaning (it bounds the unscaled weights the paper trains): " + bounds
                    : "c = " + number(c) + " on the weights as trained (`maxNormMeaning: as-trained`, recorded before the "
                            + "paper's meaning was the default): " + bounds);
        }
        return new ArrayList<>(lines);
    }

    /** CPU, threads and the training time summed over the recorded runs. */
    static String compute(List<RunRecord> runs) {
        if (runs.isEmpty()) return "no runs recorded yet";
        Provenance last = runs.get(runs.size() - 1).provenance();
        return String.format(Locale.ROOT, "%s, %d threads; %.1f minutes of training summed over runs (the wall time of training when "
                + "runs go one at a time, the default; time on cores shared with other jobs counts in full)",
                last.cpuModel(), last.availableProcessors(), runs.stream().mapToDouble(RunRecord::seconds).sum() / 60);
    }

    /** A warning when any run was trained from a tree with uncommitted changes or from several commits; empty otherwise. */
    static String codeWarning(List<RunRecord> runs) {
        long dirty = runs.stream().filter(r -> Boolean.TRUE.equals(r.provenance().gitDirty())).count();
        Set<String> commits = runs.stream().map(r -> r.provenance().gitCommit() == null ? "unknown" : shortCommit(r.provenance().gitCommit()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> problems = new ArrayList<>();
        if (dirty > 0) {
            problems.add(dirty + " of " + runs.size() + " runs were trained on a working tree with uncommitted changes: the commit "
                    + "recorded does not identify the code that trained them");
        }
        if (commits.size() > 1) {
            Map<String, Long> perCommit = runs.stream().collect(Collectors.groupingBy(
                    r -> r.provenance().gitCommit() == null ? "unknown" : shortCommit(r.provenance().gitCommit()), LinkedHashMap::new,
                    Collectors.counting()));
            problems.add("the runs come from " + commits.size() + " commits (" + perCommit.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue() + (e.getValue() == 1 ? " run" : " runs")).collect(Collectors.joining(", "))
                    + "; each run's commit is in `runs.jsonl`). Nothing here assumes they train alike: `./dropout reproduce` "
                    + "retrains a run on the current code and says whether it comes out the same to the bit");
        }
        return String.join("; ", problems);
    }

    static String shortCommit(String commit) {
        return commit.substring(0, Math.min(10, commit.length()));
    }

    static String number(double value) {
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
