package org.dropoutrepro.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dropoutrepro.bench.TrainingThroughput.Cell;
import org.dropoutrepro.bench.TrainingThroughput.Variant;

/** Renders a {@link BenchResult} as Markdown: the throughput table, the ratios measured in the same run, the roofline. */
public final class BenchReport {

    private BenchReport() {
    }

    public static String markdown(BenchResult r, String command) {
        BenchOptions o = r.options();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Net %s ReLU, batch %d, retain probability %.1f input / %.1f hidden, max-norm c = %.1f; "
                        + "random data; %d threads. Every network's training step and the roofline's matrix products run in turn, "
                        + "step by step, in %d rounds of about %.1f s each per network; examples/s are medians over rounds, "
                        + "ratios are medians of the ratios within each round.%n%n",
                o.architecture(), o.batchSize(), o.inputRetain(), o.hiddenRetain(), o.maxNorm(), r.threads(), o.repeats(),
                o.secondsPerMeasurement()));
        md.append("Machine: ").append(r.machine()).append(".\n\n");
        md.append("### Targets (this run)\n\n| target | measured | met |\n| --- | --- | --- |\n");
        for (Target target : targets(r)) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", target.name(), target.measured(), target.met() ? "yes" : "**no**"));
        }
        if (r.update() != null) md.append('\n').append(floorSentence(r)).append('\n');
        md.append('\n');
        md.append("### Training examples/s (DL4J, this toolkit)\n\nThe defaults: hidden layers reuse the forward activations in backprop "
                + "and write their matrix products in place (`ReusingDenseLayer`), and each step updates the velocities and the weights, with their max-norm "
                + "projection, in one pass (`TrainingStep`, `FusedUpdate`):\n\n| dropout \\ max-norm | none | DL4J MaxNormConstraint | ours (IncomingMaxNorm) |\n")
                .append("| --- | --- | --- | --- |\n");
        for (Variant dropout : Variant.values()) {
            md.append("| ").append(label(dropout, "DL4J Dropout", "ours (BernoulliDropout)")).append(" |");
            for (Variant maxNorm : Variant.values()) md.append(String.format(Locale.ROOT, " %.0f |", r.examplesPerSecond(cell(dropout, maxNorm))));
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nOther paths: ours dropout + max-norm with the step in ND4J's operations and `fit` %.0f; "
                + "without the step's helper thread (each product threaded by OpenBLAS, the update and the masks on the fork-join pool), no dropout %.0f, "
                + "ours dropout + max-norm %.0f; "
                + "the products through beta7's `mmuli`, no dropout %.0f, ours dropout + max-norm %.0f; DL4J's own dense backprop (recomputes the pre-activations) with `fit`, no dropout %.0f; "
                + "and with DL4J Dropout + DL4J MaxNormConstraint (everything DL4J's except the updater) %.0f.%n",
                r.examplesPerSecond(Cell.ND4J_STEP), r.examplesPerSecond(Cell.BLAS_THREADS), r.examplesPerSecond(Cell.BLAS_THREADS_MAX_NORM),
                r.examplesPerSecond(Cell.MMULI_PRODUCTS),
                r.examplesPerSecond(Cell.MMULI_PRODUCTS_MAX_NORM), r.examplesPerSecond(Cell.DL4J_BACKPROP), r.examplesPerSecond(Cell.ALL_DL4J)));
        if (r.torch() != null) {
            md.append(String.format(Locale.ROOT, "%n### PyTorch %s peer (same net, same machine, same run)%n%n"
                    + "| idle threads | none | dropout | dropout + max-norm |%n| --- | --- | --- | --- |%n", r.torchVersion()));
            r.torch().forEach((settings, row) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", settings,
                    row.get("none"), row.get("dropout"), row.get("dropout+max-norm"))));
            md.append("\nThe first row ran round by round between this toolkit's rounds (its medians over those rounds); the ratios "
                    + "to PyTorch below are taken within each round against it, then the median. The second row ran after, "
                    + "for information.\n");
        } else {
            md.append("\nPyTorch peer: not run (python3-torch not installed, or --no-torch).\n");
        }
        md.append("\n### Ratios (same run)\n\nMedians over rounds; \"rounds\" gives the smallest and the largest of the ratios "
                + "taken within each round.\n\n");
        for (String line : ratios(r)) md.append("- ").append(line).append('\n');
        md.append(String.format(Locale.ROOT, "%n### Roofline%n%nsgemm of one training step at the net's own shapes (forward X W, backward dY W^T "
                        + "and X^T dY per layer, without the first layer's dY W^T, the gradient with respect to the data, which "
                        + "neither this toolkit nor PyTorch computes): %.1f GFLOP/s, %.2f ms per step, so at most %.0f examples/s "
                        + "from matrix products alone.%n", r.gemmGflops(), r.gemmSeconds() * 1000, r.rooflineExamplesPerSecond()));
        if (r.splitGemmSecondsPerStep() != null) {
            md.append(String.format(Locale.ROOT, "%nThat roofline is OpenBLAS's own: each product threaded by it, as the targets define it. "
                            + "Split over two threads by this toolkit (`SplitProducts`, with the step's helper thread, which training uses "
                            + "when one network trains at a time), the same products took %.2f ms per step, %.2fx OpenBLAS's time (paired within rounds). Against that "
                            + "tighter limit this toolkit's step is at %.1f%% without dropout and %.1f%% with dropout + max-norm.%n",
                    r.splitGemmSeconds() * 1000, r.splitGemmFraction(), 100 * r.splitRooflineFraction(cell(Variant.NONE, Variant.NONE)),
                    100 * r.splitRooflineFraction(cell(Variant.OURS, Variant.OURS))));
        }
        if (r.update() != null) updateSection(md, r);
        if (r.quickstartSize() != null) {
            BenchResult.SizeRow row = r.quickstartSize();
            md.append(String.format(Locale.ROOT, "%n### Quickstart-size net (%s, same run)%n%n"
                    + "This toolkit's defaults and the roofline interleaved as above, each round followed by PyTorch's under this "
                    + "process's thread settings; ratios paired within rounds.%n%n"
                    + "| examples/s | none | dropout | dropout + max-norm |%n| --- | --- | --- | --- |%n", row.architecture()));
            md.append(String.format(Locale.ROOT, "| this toolkit | %.0f | %.0f | %.0f |%n", row.ours().get(BenchRunner.NONE),
                    row.ours().get(BenchRunner.DROPOUT), row.ours().get(BenchRunner.DROPOUT_MAX_NORM)));
            if (row.torch() != null) {
                md.append(String.format(Locale.ROOT, "| PyTorch | %.0f | %.0f | %.0f |%n", row.torch().get(BenchRunner.NONE),
                        row.torch().get(BenchRunner.DROPOUT), row.torch().get(BenchRunner.DROPOUT_MAX_NORM)));
            }
            md.append(String.format(Locale.ROOT, "%nRoofline at this size: %.0f examples/s; ours no dropout at %.1f%% of it.%n",
                    row.rooflineExamplesPerSecond(), 100 * row.ours().get(BenchRunner.NONE) / row.rooflineExamplesPerSecond()));
        }
        if (!r.profiles().isEmpty()) profileSection(md, r);
        md.append("\n### Dropout operation alone\n\n").append(r.dropoutOp()).append(".\n");
        md.append("\nRegenerate: `").append(command).append("`.\n");
        return md.toString();
    }

    /** Under the targets: the most of the roofline that a step keeping today's numbers could reach. */
    static String floorSentence(BenchResult r) {
        return String.format(Locale.ROOT, "On this machine no step that keeps today's numbers can pass %.1f%% of the roofline: "
                + "that is a step of nothing but the matrix products at the roofline and the parameter update's memory traffic "
                + "(see [The update against memory](#the-update-against-memory)).", 100 * r.floorFraction());
    }

    /** The update alone and its memory traffic against the roofline: the floor under a step (see {@link UpdateFloor}). */
    static void updateSection(StringBuilder md, BenchResult r) {
        BenchResult.UpdateTimes update = r.update();
        double updateMs = 1000 * Median.of(update.updateSeconds());
        double trafficMs = 1000 * Median.of(update.trafficSeconds());
        Cell none = cell(Variant.NONE, Variant.NONE);
        Cell oursMaxNorm = cell(Variant.OURS, Variant.OURS);
        md.append(String.format(Locale.ROOT, "%n### The update against memory%n%n"
                        + "The parameter update alone (one pass, classical momentum, on the net's %,d parameters; `FloatKernels.momentumStep`), "
                        + "timed between the training steps so that its arrays leave the cache as the network's do: %.2f ms a call. "
                        + "The same reads and writes without the arithmetic (weights, gradients and velocities read, weights and velocities "
                        + "written: %d bytes a parameter, %.1f MB): %.2f ms, %.1f GB/s. So the update runs at %.0f%% of the speed of its own "
                        + "memory traffic.%n%n"
                        + "A step that did nothing but the products and this traffic would take %.2f ms: at most %.1f%% of the roofline "
                        + "(rounds %s). The update cannot move less memory without changing the order of its float operations (the "
                        + "gradient written by the product and read back by the update is the only array it could skip, by having the "
                        + "product add into the velocity, which rounds differently), so without changing the numbers this is the floor "
                        + "under a step.%n%n"
                        + "| share of the roofline | ms a step | left beyond the floor | this toolkit beyond the floor |%n"
                        + "| --- | --- | --- | --- |%n"
                        + "| 75%% (the target without dropout) | %.2f | %.2f ms | %.2f ms (no dropout) |%n"
                        + "| 70%% (the target with dropout + max-norm) | %.2f | %.2f ms | %.2f ms (dropout + max-norm) |%n%n"
                        + "\"Beyond the floor\" is everything else in a step: the bias, the activations and the copies kept for the "
                        + "backward pass, softmax and loss and their gradients, the bias gradients, the dropout masks and max-norm, "
                        + "the waits between products, and the update's time beyond its traffic.%n",
                update.parameters(), updateMs, UpdateFloor.BYTES_PER_PARAMETER, update.bytes() / 1e6, trafficMs,
                update.trafficGigabytesPerSecond(), 100 * trafficMs / updateMs,
                1000 * (r.gemmSeconds() + Median.of(update.trafficSeconds())), 100 * r.floorFraction(),
                percentRange(r.floorFractionByRound(), 0),
                1000 * r.gemmSeconds() / 0.75, 1000 * r.secondsLeftAtShare(0.75), 1000 * r.secondsBeyondFloor(none),
                1000 * r.gemmSeconds() / 0.70, 1000 * r.secondsLeftAtShare(0.70), 1000 * r.secondsBeyondFloor(oursMaxNorm)));
    }

    /** The table of where a step's time goes, one pair of columns per profiled network. */
    static void profileSection(StringBuilder md, BenchResult r) {
        List<StepProfile.Result> profiles = r.profiles();
        md.append(String.format(Locale.ROOT, "%n### Where a step's time goes (profile, same run)%n%n"
                + "CPU samples every 1 ms (async-profiler) of the thread that steps the network, each put in the first "
                + "category whose frames it contains, in the order of the rows. The milliseconds are the share times the "
                + "profiled time per step (the profiler's own cost included).%n%n| where |"));
        for (StepProfile.Result p : profiles) md.append(' ').append(p.network().replace("+", " + ")).append(": share | ms per step |");
        md.append("\n| --- |");
        for (int i = 0; i < profiles.size(); i++) md.append(" --- | --- |");
        md.append('\n');
        for (String category : profiles.get(0).steppingThread().keySet()) {
            md.append("| ").append(category).append(" |");
            for (StepProfile.Result p : profiles) {
                double share = p.steppingSamples() == 0 ? 0 : (double) p.steppingThread().get(category) / p.steppingSamples();
                md.append(String.format(Locale.ROOT, " %.1f%% | %.2f |", 100 * share, share * p.millisecondsPerStep()));
            }
            md.append('\n');
        }
        md.append("| all (samples) |");
        for (StepProfile.Result p : profiles) md.append(String.format(Locale.ROOT, " %d | %.2f |", p.steppingSamples(), p.millisecondsPerStep()));
        md.append("\n\nOn other threads, as a share of the stepping thread's samples:");
        for (StepProfile.Result p : profiles) {
            double stepping = Math.max(1, p.steppingSamples());
            md.append(String.format(Locale.ROOT, " %s: the step's helper thread (its halves of the products, the update and the "
                    + "masks, and its spinning between them) %.0f%%, the BLAS's worker threads %.0f%%, the fork-join workers (their share "
                    + "of the update) %.0f%%;", p.network().replace("+", " + "), 100 * p.helper() / stepping, 100 * p.blasWorkers() / stepping,
                    100 * p.forkJoinWorkers() / stepping));
        }
        md.setLength(md.length() - 1);
        md.append(".\n");
    }

    /** A speed target of the project and what this run measured. */
    record Target(String name, String measured, boolean met) {
    }

    /** The project's speed targets, each against this run's median. */
    static List<Target> targets(BenchResult r) {
        Cell none = cell(Variant.NONE, Variant.NONE);
        Cell ours = cell(Variant.OURS, Variant.NONE);
        Cell oursMaxNorm = cell(Variant.OURS, Variant.OURS);
        List<Target> targets = new ArrayList<>();
        if (r.torchRatios() != null) {
            for (String column : r.torchRatios().keySet()) {
                PairedTorch.Ratio ratio = r.torchRatios().get(column);
                targets.add(new Target("ours / PyTorch, " + r.options().architecture() + ", " + column.replace("+", " + ") + ": at least 1.05x",
                        ratio.describe(), ratio.median() >= 1.05));
            }
        }
        BenchResult.SizeRow row = r.quickstartSize();
        if (row != null && row.torchRatios() != null) {
            for (String column : row.torchRatios().keySet()) {
                PairedTorch.Ratio ratio = row.torchRatios().get(column);
                targets.add(new Target("ours / PyTorch, " + row.architecture() + ", " + column.replace("+", " + ") + ": at least 1.05x",
                        ratio.describe(), ratio.median() >= 1.05));
            }
        }
        double noneShare = r.rooflineFraction(none);
        double maxNormShare = r.rooflineFraction(oursMaxNorm);
        targets.add(new Target("sgemm roofline share, no dropout: at least 75%", String.format(Locale.ROOT, "%.1f%% (rounds %s)",
                100 * noneShare, percentRange(r.rooflineFractionByRound(none), 0)), noneShare >= 0.75));
        targets.add(new Target("sgemm roofline share, dropout + max-norm: at least 70%", String.format(Locale.ROOT, "%.1f%% (rounds %s)",
                100 * maxNormShare, percentRange(r.rooflineFractionByRound(oursMaxNorm), 0)), maxNormShare >= 0.70));
        double dropoutCost = r.ratio(none, ours) - 1;
        targets.add(new Target("cost of dropout: at most +10% time per example", String.format(Locale.ROOT, "%+.1f%% (rounds %s)",
                100 * dropoutCost, percentRange(r.ratioByRound(none, ours), -1)), dropoutCost <= 0.10));
        double maxNormCost = r.maxNormTimeRatioOnOneNetwork() - 1;
        targets.add(new Target("cost of max-norm (one network, on and off): at most +5% time per example",
                String.format(Locale.ROOT, "%+.1f%% (rounds %s)", 100 * maxNormCost, percentRange(r.maxNormTimeRatioByRound(), -1)),
                maxNormCost <= 0.05));
        return targets;
    }

    static List<String> ratios(BenchResult r) {
        List<String> lines = new ArrayList<>();
        Cell none = cell(Variant.NONE, Variant.NONE);
        Cell ours = cell(Variant.OURS, Variant.NONE);
        Cell oursMaxNorm = cell(Variant.OURS, Variant.OURS);
        lines.add(String.format(Locale.ROOT, "this toolkit's dropout + max-norm net / the same net all in DL4J's built-ins: %.2fx",
                r.ratio(oursMaxNorm, Cell.ALL_DL4J)));
        lines.add(String.format(Locale.ROOT, "reused activations / DL4J's dense backprop, no dropout: %.2fx",
                r.ratio(none, Cell.DL4J_BACKPROP)));
        lines.add(String.format(Locale.ROOT, "products in place / through beta7's mmuli (ReusingDenseLayerImpl, DirectOutputLayerImpl), no dropout: %.2fx; "
                + "dropout + max-norm: %.2fx", r.ratio(none, Cell.MMULI_PRODUCTS), r.ratio(oursMaxNorm, Cell.MMULI_PRODUCTS_MAX_NORM)));
        lines.add(String.format(Locale.ROOT, "the step's helper thread (HelperThread: products split by SplitProducts, update and masks) / "
                + "OpenBLAS's threads and the fork-join pool, "
                + "no dropout: %.2fx (rounds %s); dropout + max-norm: %.2fx (rounds %s)", r.ratio(none, Cell.BLAS_THREADS),
                range(r.ratioByRound(none, Cell.BLAS_THREADS)), r.ratio(oursMaxNorm, Cell.BLAS_THREADS_MAX_NORM),
                range(r.ratioByRound(oursMaxNorm, Cell.BLAS_THREADS_MAX_NORM))));
        lines.add(String.format(Locale.ROOT, "one-pass update and max-norm step (FusedUpdate) / ND4J's operations, "
                + "dropout + max-norm: %.2fx", r.ratio(oursMaxNorm, Cell.ND4J_STEP)));
        lines.add(String.format(Locale.ROOT, "ours / DL4J, dropout only: %.2fx", r.ratio(ours, cell(Variant.DL4J, Variant.NONE))));
        lines.add(String.format(Locale.ROOT, "ours / DL4J, dropout + max-norm: %.2fx", r.ratio(oursMaxNorm, cell(Variant.DL4J, Variant.DL4J))));
        lines.add(String.format(Locale.ROOT, "cost of dropout (ours) over no dropout: %+.1f%% time per example, rounds %s "
                + "(target at most +10%%)", (r.ratio(none, ours) - 1) * 100, percentRange(r.ratioByRound(none, ours), -1)));
        lines.add(String.format(Locale.ROOT, "cost of max-norm (ours), one network stepping with its max-norm on and off in turn: "
                + "%+.1f%% time per example, rounds %s (target at most +5%%)", (r.maxNormTimeRatioOnOneNetwork() - 1) * 100,
                percentRange(r.maxNormTimeRatioByRound(), -1)));
        lines.add(String.format(Locale.ROOT, "cost of max-norm (ours) between the two networks of the table, dropout alone and "
                + "dropout + max-norm: %+.1f%% time per example (includes the differences between two networks)",
                (r.ratio(ours, oursMaxNorm) - 1) * 100));
        if (r.update() != null) {
            lines.add(String.format(Locale.ROOT, "the update alone / its memory traffic without the arithmetic: %.2fx the time",
                    Median.of(r.update().updateSeconds()) / Median.of(r.update().trafficSeconds())));
        }
        lines.add(String.format(Locale.ROOT, "ours no dropout / sgemm roofline: %.1f%%, rounds %s (target at least 75%%)",
                100 * r.rooflineFraction(none), percentRange(r.rooflineFractionByRound(none), 0)));
        lines.add(String.format(Locale.ROOT, "ours dropout + max-norm / sgemm roofline: %.1f%%, rounds %s (target at least 70%%)",
                100 * r.rooflineFraction(oursMaxNorm), percentRange(r.rooflineFractionByRound(oursMaxNorm), 0)));
        if (r.torchRatios() != null) {
            lines.add("ours / PyTorch, no dropout: " + r.torchRatios().get(BenchRunner.NONE).describe() + " (target at least 1.05x)");
            lines.add("ours / PyTorch, dropout: " + r.torchRatios().get(BenchRunner.DROPOUT).describe() + " (target at least 1.05x)");
            lines.add("ours / PyTorch, dropout + max-norm: " + r.torchRatios().get(BenchRunner.DROPOUT_MAX_NORM).describe()
                    + " (target at least 1.05x)");
        }
        if (r.quickstartSize() != null && r.quickstartSize().torchRatios() != null) {
            BenchResult.SizeRow row = r.quickstartSize();
            for (String column : row.ours().keySet()) {
                lines.add(String.format(Locale.ROOT, "ours / PyTorch at %s, %s: %s (target at least 1.05x)", row.architecture(),
                        column.replace("+", " + "), row.torchRatios().get(column).describe()));
            }
        }
        return lines;
    }

    /** The smallest to the largest of {@code (ratio + offset)} over rounds, in percent, e.g. "+2.1% to +7.9%". */
    static String percentRange(double[] ratios, double offset) {
        double lowest = Arrays.stream(ratios).min().orElseThrow() + offset;
        double highest = Arrays.stream(ratios).max().orElseThrow() + offset;
        String format = offset == 0 ? "%.1f%%" : "%+.1f%%";
        return String.format(Locale.ROOT, format + " to " + format, lowest * 100, highest * 100);
    }

    /** The smallest to the largest ratio over rounds, e.g. "0.98x to 1.07x". */
    static String range(double[] ratios) {
        return String.format(Locale.ROOT, "%.2fx to %.2fx", Arrays.stream(ratios).min().orElseThrow(),
                Arrays.stream(ratios).max().orElseThrow());
    }

    private static Cell cell(Variant dropout, Variant maxNorm) {
        return Cell.of(dropout, maxNorm);
    }

    private static String label(Variant variant, String dl4j, String ours) {
        return switch (variant) {
            case NONE -> "none";
            case DL4J -> dl4j;
            case OURS -> ours;
        };
    }
}
