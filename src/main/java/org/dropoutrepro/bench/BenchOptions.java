package org.dropoutrepro.bench;

import java.util.List;

/**
 * What to benchmark: the paper's MNIST MLP by default (784-1024-1024-1024-10 ReLU, batch 100, input/hidden
 * retain probability 0.8/0.5, max-norm 3), how long to time each measurement, how many interleaved
 * repeats, how many threads ND4J may use (null = its default), whether to run the PyTorch peer, and whether to
 * profile a training step ({@link StepProfile}).
 */
public record BenchOptions(int batchSize, List<Integer> hiddenWidths, double inputRetain, double hiddenRetain,
                           double maxNorm, double secondsPerMeasurement, int repeats, Integer threads, boolean torch,
                           boolean profile) {

    public static final int INPUTS = 784;
    public static final int CLASSES = 10;

    /** The same options for a net with other hidden widths. */
    public BenchOptions withHiddenWidths(List<Integer> widths) {
        return new BenchOptions(batchSize, List.copyOf(widths), inputRetain, hiddenRetain, maxNorm, secondsPerMeasurement, repeats,
                threads, torch, profile);
    }

    /** Multiply-adds of one example's forward pass: the sum of nIn x nOut over layers. */
    public long multiplyAddsPerExample() {
        long total = 0;
        int previous = INPUTS;
        for (int width : hiddenWidths) {
            total += (long) previous * width;
            previous = width;
        }
        return total + (long) previous * CLASSES;
    }

    /** Parameters of the net: every layer's nIn x nOut weights and nOut biases. */
    public long parameters() {
        long total = 0;
        int previous = INPUTS;
        for (int width : hiddenWidths) {
            total += (long) previous * width + width;
            previous = width;
        }
        return total + (long) previous * CLASSES + CLASSES;
    }

    /** "784-1024-1024-1024-10". */
    public String architecture() {
        StringBuilder out = new StringBuilder(String.valueOf(INPUTS));
        for (int width : hiddenWidths) out.append('-').append(width);
        return out.append('-').append(CLASSES).toString();
    }
}
