package org.dropoutrepro.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch peer measured round by round between this toolkit's interleaved rounds: after each of our rounds,
 * one round of each PyTorch network (no dropout, dropout, dropout + max-norm) under this process's thread
 * settings. A ratio of ours to PyTorch is then taken within each round and its median reported, so that the
 * machine's drift over minutes, larger than the differences measured, touches both sides alike.
 */
final class PairedTorch {

    /** The three PyTorch networks: column name to (dropout, max-norm). */
    static final Map<String, boolean[]> COLUMNS = columns();

    private final String python;
    private final BenchOptions options;
    private final int threads;
    private final Map<String, List<Double>> rounds = new LinkedHashMap<>();

    PairedTorch(String python, BenchOptions options, int threads) {
        this.python = python;
        this.options = options;
        this.threads = threads;
        COLUMNS.keySet().forEach(column -> rounds.put(column, new ArrayList<>()));
    }

    private static Map<String, boolean[]> columns() {
        Map<String, boolean[]> columns = new LinkedHashMap<>();
        columns.put(BenchRunner.NONE, new boolean[] {false, false});
        columns.put(BenchRunner.DROPOUT, new boolean[] {true, false});
        columns.put(BenchRunner.DROPOUT_MAX_NORM, new boolean[] {true, true});
        return columns;
    }

    /** One round of each PyTorch network; to run after each of our rounds. */
    void round() {
        try {
            for (Map.Entry<String, boolean[]> column : COLUMNS.entrySet()) {
                add(column.getKey(), TorchPeer.examplesPerSecond(python, options, column.getValue()[0], column.getValue()[1],
                        threads, false, 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing the PyTorch peer", e);
        }
    }

    /** Records one round of one column. */
    void add(String column, double examplesPerSecond) {
        rounds.get(column).add(examplesPerSecond);
    }

    /** PyTorch's examples/s per column: the median over rounds. */
    Map<String, Double> examplesPerSecond() {
        Map<String, Double> medians = new LinkedHashMap<>();
        rounds.forEach((column, values) -> medians.put(column, Median.of(values.stream().mapToDouble(Double::doubleValue).toArray())));
        return medians;
    }

    /**
     * Ours over PyTorch per column, the median of the ratios within each round; {@code oursSecondsPerStep} gives
     * our network's seconds per step in each round, by column.
     */
    Map<String, Double> ratios(Map<String, double[]> oursSecondsPerStep) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> column : rounds.entrySet()) {
            double[] ours = oursSecondsPerStep.get(column.getKey());
            List<Double> torch = column.getValue();
            double[] byRound = new double[Math.min(ours.length, torch.size())];
            for (int round = 0; round < byRound.length; round++) {
                byRound[round] = options.batchSize() / ours[round] / torch.get(round);
            }
            ratios.put(column.getKey(), Median.of(byRound));
        }
        return ratios;
    }
}
