package org.dropoutrepro.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.dropoutrepro.bench.TrainingThroughput.Cell;
import org.dropoutrepro.bench.TrainingThroughput.MaxNormSwitch;
import org.dropoutrepro.kernels.HelperThread;
import org.dropoutrepro.provenance.Provenance;
import org.dropoutrepro.runtime.OperationThreads;
import org.dropoutrepro.runtime.ThreadEnvironment;
import org.nd4j.linalg.factory.Nd4j;

/** Runs every measurement of the bench command in one invocation and collects them into a {@link BenchResult}. */
public final class BenchRunner {

    private static final String GEMM = "sgemm";
    private static final String GEMM_SPLIT = "sgemm split";

    private BenchRunner() {
    }

    public static BenchResult run(BenchOptions options, PrintStream log) throws IOException, InterruptedException {
        OperationThreads.ensureConfigured();
        HelperThread.allowFor(1); // one network steps at a time, as in a run
        if (options.threads() != null) {
            Nd4j.getEnvironment().setMaxThreads(options.threads());
            Nd4j.factory().blas().setMaxThreads(options.threads());
        }
        int threads = options.threads() != null ? options.threads() : Runtime.getRuntime().availableProcessors();
        String threadSettings = ThreadEnvironment.describe(System.getenv());
        Provenance provenance = Provenance.capture(List.of());
        String machine = provenance.cpuModel() + ", " + provenance.availableProcessors() + " hardware threads, "
                + provenance.os() + ", Java " + provenance.java() + ", ND4J " + provenance.libraries().get("nd4j-native")
                + ", BLAS " + provenance.blas() + ", idle threads: " + threadSettings
                + ", libnd4j operation threads: " + Nd4j.getEnvironment().maxMasterThreads();

        log.println("dropout forward + backward on [100, 1024] ...");
        DropoutOpBenchmark.Result dropoutOp = DropoutOpBenchmark.run(Math.max(50, options.repeats() * 50));
        List<Cell> cells = new ArrayList<>();
        for (TrainingThroughput.Variant dropout : TrainingThroughput.Variant.values()) {
            for (TrainingThroughput.Variant maxNorm : TrainingThroughput.Variant.values()) {
                cells.add(Cell.of(dropout, maxNorm));
            }
        }
        cells.add(Cell.ND4J_STEP);
        cells.add(Cell.DL4J_BACKPROP);
        cells.add(Cell.MMULI_PRODUCTS);
        cells.add(Cell.MMULI_PRODUCTS_MAX_NORM);
        cells.add(Cell.BLAS_THREADS);
        cells.add(Cell.BLAS_THREADS_MAX_NORM);
        cells.add(Cell.ALL_DL4J);
        String python = options.torch() ? TorchPeer.interpreter() : null;
        PairedTorch paired = python == null ? null : new PairedTorch(python, options, threads);
        log.printf("training steps of %d networks (one with max-norm on and off), the sgemm roofline and the update alone, interleaved: "
                + "%d rounds of %.1f s each%s ...%n", cells.size() + 1, options.repeats(), options.secondsPerMeasurement(),
                paired == null ? "" : ", each followed by a round of each PyTorch network");
        Map<Object, double[]> timed = interleaved(options, cells, paired, true);
        Map<Cell, double[]> training = new LinkedHashMap<>();
        for (Cell cell : cells) training.put(cell, timed.get(cell));

        Map<MaxNormSwitch, double[]> maxNormSwitch = new EnumMap<>(MaxNormSwitch.class);
        for (MaxNormSwitch position : MaxNormSwitch.values()) maxNormSwitch.put(position, timed.get(position));

        List<StepProfile.Result> profiles = new ArrayList<>();
        if (options.profile()) {
            if (StepProfile.supported()) {
                Map<String, Cell> profiled = new LinkedHashMap<>();
                profiled.put(NONE, Cell.of(TrainingThroughput.Variant.NONE, TrainingThroughput.Variant.NONE));
                profiled.put(DROPOUT_MAX_NORM, Cell.of(TrainingThroughput.Variant.OURS, TrainingThroughput.Variant.OURS));
                for (Map.Entry<String, Cell> network : profiled.entrySet()) {
                    log.println("profile of a training step, " + network.getKey() + " ...");
                    profiles.add(StepProfile.run(network.getKey(), TrainingThroughput.network(options, network.getValue()),
                            TrainingThroughput.randomBatches(options), Math.max(2, options.secondsPerMeasurement() * 2)));
                }
            } else {
                log.println("profile: async-profiler does not load on this machine; skipped");
            }
        }
        Map<String, Map<String, Double>> torch = null;
        Map<String, PairedTorch.Ratio> torchRatios = null;
        String torchVersion = null;
        if (paired != null) {
            torchVersion = TorchPeer.version(python);
            torch = new LinkedHashMap<>();
            torch.put(threadSettings, paired.examplesPerSecond());
            torchRatios = paired.ratios(byColumn(timed));
            if (ThreadEnvironment.anySet(System.getenv())) {
                torch.put(ThreadEnvironment.describe(Map.of()), torchAtLibraryDefaults(python, options, threads, log));
            }
        }
        BenchResult.SizeRow quickstartSize = options.hiddenWidths().equals(QUICKSTART_WIDTHS) ? null
                : sizeRow(options.withHiddenWidths(QUICKSTART_WIDTHS), python, threads, log);
        BenchResult.UpdateTimes update = new BenchResult.UpdateTimes(options.parameters(), timed.get(UpdateFloor.UPDATE),
                timed.get(UpdateFloor.TRAFFIC));
        return new BenchResult(options, threads, machine, training, maxNormSwitch, timed.get(GEMM), timed.get(GEMM_SPLIT),
                GemmThroughput.flopsPerStep(options), update, torch, torchRatios, torchVersion, dropoutOp, quickstartSize, profiles);
    }

    /** The quickstart's hidden widths, measured as a second row. */
    static final List<Integer> QUICKSTART_WIDTHS = List.of(512, 512);

    /** This toolkit's three default networks and the roofline interleaved, each round followed by PyTorch's three, at {@code options}' widths. */
    private static BenchResult.SizeRow sizeRow(BenchOptions options, String python, int threads, PrintStream log)
            throws IOException, InterruptedException {
        log.printf("the same at %s: %d rounds ...%n", options.architecture(), options.repeats());
        PairedTorch paired = python == null ? null : new PairedTorch(python, options, threads);
        Map<Object, double[]> timed = interleaved(options, PairedTorch.COLUMNS.keySet().stream().map(COLUMNS::get).toList(), paired,
                false);
        Map<String, double[]> oursByRound = byColumn(timed);
        Map<String, Double> ours = new LinkedHashMap<>();
        oursByRound.forEach((name, seconds) -> ours.put(name, options.batchSize() / Median.of(seconds)));
        return new BenchResult.SizeRow(options.architecture(), ours, paired == null ? null : paired.examplesPerSecond(),
                paired == null ? null : paired.ratios(oursByRound), options.batchSize() / Median.of(timed.get(GEMM)));
    }

    /** Seconds per step of our network of each PyTorch column, round by round, in the columns' order. */
    private static Map<String, double[]> byColumn(Map<Object, double[]> timed) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String column : PairedTorch.COLUMNS.keySet()) out.put(column, timed.get(COLUMNS.get(column)));
        return out;
    }

    /**
     * {@code cells} and the roofline's products (and, with {@code withUpdate}, the update alone and its memory traffic,
     * {@link UpdateFloor}) timed interleaved, each round followed by a round of the PyTorch peer's networks when there
     * is one ({@code paired}, closed afterwards).
     */
    private static Map<Object, double[]> interleaved(BenchOptions options, List<Cell> cells, PairedTorch paired, boolean withUpdate)
            throws IOException {
        Map<String, DoubleSupplier> extra = new LinkedHashMap<>();
        extra.put(GEMM, GemmThroughput.step(options, false));
        if (withUpdate) {
            extra.put(GEMM_SPLIT, GemmThroughput.step(options, true));
            extra.putAll(UpdateFloor.workloads(options));
        }
        try {
            return TrainingThroughput.secondsPerStep(options, cells, extra,
                    paired == null ? () -> { } : paired::round);
        } finally {
            if (paired != null) paired.close();
        }
    }

    static final String NONE = "none";
    static final String DROPOUT = "dropout";
    static final String DROPOUT_MAX_NORM = "dropout+max-norm";

    /** Our networks of PyTorch's three columns: no dropout, dropout, dropout + max-norm, each on this toolkit's defaults. */
    private static final Map<String, Cell> COLUMNS = Map.of(
            NONE, Cell.of(TrainingThroughput.Variant.NONE, TrainingThroughput.Variant.NONE),
            DROPOUT, Cell.of(TrainingThroughput.Variant.OURS, TrainingThroughput.Variant.NONE),
            DROPOUT_MAX_NORM, Cell.of(TrainingThroughput.Variant.OURS, TrainingThroughput.Variant.OURS));

    /** PyTorch's three networks, one process each, at the libraries' default thread settings. */
    private static Map<String, Double> torchAtLibraryDefaults(String python, BenchOptions options, int threads, PrintStream log)
            throws IOException, InterruptedException {
        log.println("PyTorch peer, thread settings at the libraries' defaults ...");
        Map<String, Double> row = new LinkedHashMap<>();
        for (Map.Entry<String, boolean[]> column : PairedTorch.COLUMNS.entrySet()) {
            row.put(column.getKey(), TorchPeer.examplesPerSecondAtLibraryDefaults(python, options, column.getValue()[0],
                    column.getValue()[1], threads));
        }
        return row;
    }
}
