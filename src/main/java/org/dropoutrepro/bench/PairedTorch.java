package org.dropoutrepro.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PyTorch peer measured round by round between this toolkit's interleaved rounds: after each of our rounds,
 * one round of each PyTorch network (no dropout, dropout, dropout + max-norm) under this process's thread
 * settings, each network a Python process started and warmed once and kept for all the rounds. A ratio of ours to PyTorch is then taken within each round and its median reported, so that the
 * machine's drift over minutes, larger than the differences measured, touches both sides alike.
 */
final class PairedTorch implements AutoCloseable {

    /** The three PyTorch networks: column name to (dropout, max-norm). */
    static final Map<String, boolean[]> COLUMNS = columns();

    private final String python;
    private final BenchOptions options;
    private final int threads;
    private final Map<String, List<Double>> rounds = new LinkedHashMap<>();
    private final Map<String, TorchPeer.Server> servers = new LinkedHashMap<>();

    /** With {@code python} null, nothing is started: rounds are given with {@link #add} (for tests). */
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
                TorchPeer.Server server = servers.get(column.getKey());
                if (server == null) {
                    server = new TorchPeer.Server(python, options, column.getValue()[0], column.getValue()[1], threads);
                    servers.put(column.getKey(), server);
                }
                add(column.getKey(), server.round());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the Python processes. */
    @Override
    public void close() throws IOException {
        for (TorchPeer.Server server : servers.values()) server.close();
        servers.clear();
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

    /** Ours over PyTorch in one column: the median of the ratios within each round, and the smallest and largest of them. */
    record Ratio(double median, double low, double high) {

        /** "0.91x (rounds 0.85x to 0.97x)". */
        String describe() {
            return String.format(Locale.ROOT, "%.2fx (rounds %.2fx to %.2fx)", median, low, high);
        }
    }

    /**
     * Ours over PyTorch per column, from the ratios within each round; {@code oursSecondsPerStep} gives our
     * network's seconds per step in each round, by column.
     */
    Map<String, Ratio> ratios(Map<String, double[]> oursSecondsPerStep) {
        Map<String, Ratio> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> column : rounds.entrySet()) {
            double[] ours = oursSecondsPerStep.get(column.getKey());
            List<Double> torch = column.getValue();
            double[] byRound = new double[Math.min(ours.length, torch.size())];
            for (int round = 0; round < byRound.length; round++) {
                byRound[round] = options.batchSize() / ours[round] / torch.get(round);
            }
            ratios.put(column.getKey(), new Ratio(Median.of(byRound), Arrays.stream(byRound).min().orElse(Double.NaN),
                    Arrays.stream(byRound).max().orElse(Double.NaN)));
        }
        return ratios;
    }
}
