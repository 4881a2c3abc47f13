package org.dropoutrepro.bench;

import java.util.ArrayList;
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
                        + "random data; %d interleaved rounds of %.0f s per cell, median; %d threads.%n%n",
                o.architecture(), o.batchSize(), o.inputRetain(), o.hiddenRetain(), o.maxNorm(), o.repeats(),
                o.secondsPerMeasurement(), r.threads()));
        md.append("Machine: ").append(r.machine()).append(".\n\n");
        md.append("### Training examples/s (DL4J, this toolkit)\n\nHidden layers reuse the forward activations in backprop "
                + "(`ReusingDenseLayer`, the default):\n\n| dropout \\ max-norm | none | DL4J MaxNormConstraint | ours (IncomingMaxNorm) |\n")
                .append("| --- | --- | --- | --- |\n");
        for (Variant dropout : Variant.values()) {
            md.append("| ").append(label(dropout, "DL4J Dropout", "ours (BernoulliDropout)")).append(" |");
            for (Variant maxNorm : Variant.values()) md.append(String.format(Locale.ROOT, " %.0f |", get(r, dropout, maxNorm)));
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nDL4J's own dense backprop (recomputes the pre-activations): no dropout %.0f; "
                + "DL4J Dropout + DL4J MaxNormConstraint (everything DL4J's) %.0f.%n", dl4jBackprop(r, Variant.NONE),
                dl4jBackprop(r, Variant.DL4J)));
        if (r.torch() != null) {
            md.append(String.format(Locale.ROOT, "%n### PyTorch %s peer (same net, same machine, same run)%n%n| none | dropout | dropout + max-norm |%n"
                            + "| --- | --- | --- |%n| %.0f | %.0f | %.0f |%n", r.torchVersion(), r.torch().get("none"),
                    r.torch().get("dropout"), r.torch().get("dropout+max-norm")));
        } else {
            md.append("\nPyTorch peer: not run (python3-torch not installed, or --no-torch).\n");
        }
        md.append("\n### Ratios (same run)\n\n");
        for (String line : ratios(r)) md.append("- ").append(line).append('\n');
        md.append(String.format(Locale.ROOT, "%n### Roofline%n%nsgemm of one training step at the net's own shapes (forward X W, backward dY W^T "
                        + "and X^T dY per layer): %.1f GFLOP/s, %.2f ms per step, so at most %.0f examples/s from matrix "
                        + "products alone.%n", r.gemm().gflops(), r.gemm().secondsPerStep() * 1000, r.gemm().rooflineExamplesPerSecond()));
        md.append("\n### Dropout operation alone\n\n").append(r.dropoutOp()).append(".\n");
        md.append("\nRegenerate: `").append(command).append("`.\n");
        return md.toString();
    }

    static List<String> ratios(BenchResult r) {
        List<String> lines = new ArrayList<>();
        double none = get(r, Variant.NONE, Variant.NONE);
        double ours = get(r, Variant.OURS, Variant.NONE);
        double oursMaxNorm = get(r, Variant.OURS, Variant.OURS);
        lines.add(String.format(Locale.ROOT, "this toolkit's dropout + max-norm net / the same net all in DL4J's built-ins: %.2fx",
                oursMaxNorm / dl4jBackprop(r, Variant.DL4J)));
        lines.add(String.format(Locale.ROOT, "reused activations / DL4J's dense backprop, no dropout: %.2fx", none / dl4jBackprop(r, Variant.NONE)));
        lines.add(String.format(Locale.ROOT, "ours / DL4J, dropout only: %.2fx", ours / get(r, Variant.DL4J, Variant.NONE)));
        lines.add(String.format(Locale.ROOT, "ours / DL4J, dropout + max-norm: %.2fx", oursMaxNorm / get(r, Variant.DL4J, Variant.DL4J)));
        lines.add(String.format(Locale.ROOT, "cost of dropout (ours) over no dropout: %+.1f%% time per example", (none / ours - 1) * 100));
        lines.add(String.format(Locale.ROOT, "cost of max-norm (ours) over dropout alone: %+.1f%% time per example", (ours / oursMaxNorm - 1) * 100));
        lines.add(String.format(Locale.ROOT, "ours dropout + max-norm / sgemm roofline: %.1f%%", 100 * oursMaxNorm / r.gemm().rooflineExamplesPerSecond()));
        if (r.torch() != null) {
            lines.add(String.format(Locale.ROOT, "ours / PyTorch, dropout + max-norm: %.2fx", oursMaxNorm / r.torch().get("dropout+max-norm")));
            lines.add(String.format(Locale.ROOT, "ours / PyTorch, no dropout: %.2fx", none / r.torch().get("none")));
        }
        return lines;
    }

    private static double get(BenchResult r, Variant dropout, Variant maxNorm) {
        return r.training().get(new Cell(dropout, maxNorm, true));
    }

    /** DL4J's dense backprop with dropout and max-norm both {@code variant} (NONE or DL4J). */
    private static double dl4jBackprop(BenchResult r, Variant variant) {
        return r.training().get(new Cell(variant, variant, false));
    }

    private static String label(Variant variant, String dl4j, String ours) {
        return switch (variant) {
            case NONE -> "none";
            case DL4J -> dl4j;
            case OURS -> ours;
        };
    }
}
