package org.dropoutrepro.bench;

import java.util.List;
import java.util.Map;
import org.dropoutrepro.bench.TrainingThroughput.Cell;
import org.dropoutrepro.bench.TrainingThroughput.MaxNormSwitch;

/**
 * Everything one {@code ./dropout bench} invocation measured, in one JVM on one machine: seconds per
 * training step of every cell, of one network with its max-norm switched on and off, and of the roofline's
 * matrix products in every interleaved round (threaded by OpenBLAS, and split over two threads by this toolkit: null if
 * not measured), and of the update alone and its memory traffic (null if not
 * measured); the PyTorch peer (null when absent) under each thread environment it ran in, and ours over PyTorch per column, paired within rounds ({@link PairedTorch}); the dropout operation alone; the same at the quickstart's size (null if not run); and
 * the profiles of a training step (empty if not run).
 */
public record BenchResult(BenchOptions options, int threads, String machine, Map<Cell, double[]> secondsPerStep,
                          Map<MaxNormSwitch, double[]> maxNormSwitchSecondsPerStep, double[] gemmSecondsPerStep,
                          double[] splitGemmSecondsPerStep, double gemmFlopsPerStep, UpdateTimes update, Map<String, Map<String, Double>> torch, Map<String, PairedTorch.Ratio> torchRatios,
                          String torchVersion,
                          DropoutOpBenchmark.Result dropoutOp, SizeRow quickstartSize, List<StepProfile.Result> profiles) {

    /**
     * A second, smaller net measured in the same run (the quickstart's 784-512-512-10): this toolkit's examples/s
     * and PyTorch's (null when not run) for no dropout, dropout, and dropout + max-norm, and its roofline.
     */
    public record SizeRow(String architecture, Map<String, Double> ours, Map<String, Double> torch, Map<String, PairedTorch.Ratio> torchRatios,
                          double rooflineExamplesPerSecond) {
    }

    /**
     * The parameter update alone and its memory traffic without the arithmetic ({@link UpdateFloor}), seconds per call in
     * every round, on {@code parameters} parameters.
     */
    public record UpdateTimes(long parameters, double[] updateSeconds, double[] trafficSeconds) {

        /** Bytes the update moves per call. */
        double bytes() {
            return (double) parameters * UpdateFloor.BYTES_PER_PARAMETER;
        }

        /** The memory bandwidth the traffic reached (median over rounds), GB/s. */
        double trafficGigabytesPerSecond() {
            return bytes() / Median.of(trafficSeconds) / 1e9;
        }
    }

    /**
     * The most of the roofline a step could reach that did nothing but the products and the update's memory
     * traffic, {@code products / (products + traffic)} (median over rounds, each taken within its round).
     */
    double floorFraction() {
        return Median.of(floorFractionByRound());
    }

    /** {@link #floorFraction}, round by round. */
    double[] floorFractionByRound() {
        double[] fractions = new double[gemmSecondsPerStep.length];
        for (int round = 0; round < fractions.length; round++) {
            fractions[round] = gemmSecondsPerStep[round] / (gemmSecondsPerStep[round] + update.trafficSeconds()[round]);
        }
        return fractions;
    }

    /**
     * Seconds per step of {@code cell} beyond the products and the update's memory traffic (median over rounds, each
     * taken within its round): the bias, activations, loss, dropout, waits, and the update beyond its traffic.
     */
    double secondsBeyondFloor(Cell cell) {
        double[] seconds = secondsPerStep.get(cell);
        double[] beyond = new double[seconds.length];
        for (int round = 0; round < beyond.length; round++) {
            beyond[round] = seconds[round] - gemmSecondsPerStep[round] - update.trafficSeconds()[round];
        }
        return Median.of(beyond);
    }

    /**
     * Seconds per step left beyond the products and the update's memory traffic to a step at {@code share} of the
     * roofline (median over rounds); negative when that share is out of reach of even the floor.
     */
    double secondsLeftAtShare(double share) {
        double[] left = new double[gemmSecondsPerStep.length];
        for (int round = 0; round < left.length; round++) {
            left[round] = gemmSecondsPerStep[round] / share - gemmSecondsPerStep[round] - update.trafficSeconds()[round];
        }
        return Median.of(left);
    }

    /** A cell's training examples/s: the batch over its median seconds per step. */
    double examplesPerSecond(Cell cell) {
        return options.batchSize() / Median.of(secondsPerStep.get(cell));
    }

    /**
     * The median over rounds of {@code numerator / denominator} in examples/s, each ratio taken within
     * one round, where the two cells' steps alternated.
     */
    double ratio(Cell numerator, Cell denominator) {
        return Median.of(ratioByRound(numerator, denominator));
    }

    /** {@code numerator / denominator} in examples/s, round by round. */
    double[] ratioByRound(Cell numerator, Cell denominator) {
        return ratios(secondsPerStep.get(denominator), secondsPerStep.get(numerator));
    }

    /**
     * Time per example with max-norm over time per example without it, on the one network that steps with its
     * constraint switched on and off in turn (median of the ratios within each round).
     */
    double maxNormTimeRatioOnOneNetwork() {
        return Median.of(maxNormTimeRatioByRound());
    }

    /** {@link #maxNormTimeRatioOnOneNetwork}, round by round. */
    double[] maxNormTimeRatioByRound() {
        return ratios(maxNormSwitchSecondsPerStep.get(MaxNormSwitch.ON), maxNormSwitchSecondsPerStep.get(MaxNormSwitch.OFF));
    }

    /** sgemm GFLOP/s at the net's shapes. */
    double gemmGflops() {
        return gemmFlopsPerStep / Median.of(gemmSecondsPerStep) / 1e9;
    }

    /** Seconds per step of the matrix products alone (median over rounds). */
    double gemmSeconds() {
        return Median.of(gemmSecondsPerStep);
    }

    /** Seconds per step of the same products split over two threads by {@code SplitProducts} (median), or NaN if not measured. */
    double splitGemmSeconds() {
        return splitGemmSecondsPerStep == null ? Double.NaN : Median.of(splitGemmSecondsPerStep);
    }

    /** The split products' time over OpenBLAS's threaded time for the same products, paired within rounds. */
    double splitGemmFraction() {
        return Median.of(ratios(splitGemmSecondsPerStep, gemmSecondsPerStep));
    }

    /** A cell's examples/s as a fraction of what the split products alone would allow, paired within rounds. */
    double splitRooflineFraction(Cell cell) {
        return Median.of(ratios(splitGemmSecondsPerStep, secondsPerStep.get(cell)));
    }

    /** Examples/s if a step took only its matrix products. */
    double rooflineExamplesPerSecond() {
        return options.batchSize() / gemmSeconds();
    }

    /** A cell's examples/s as a fraction of the roofline, paired within rounds. */
    double rooflineFraction(Cell cell) {
        return Median.of(rooflineFractionByRound(cell));
    }

    /** {@link #rooflineFraction}, round by round. */
    double[] rooflineFractionByRound(Cell cell) {
        return ratios(gemmSecondsPerStep, secondsPerStep.get(cell));
    }

    private static double[] ratios(double[] top, double[] bottom) {
        double[] ratios = new double[top.length];
        for (int round = 0; round < top.length; round++) ratios[round] = top[round] / bottom[round];
        return ratios;
    }
}
