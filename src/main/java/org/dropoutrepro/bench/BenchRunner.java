package org.dropoutrepro.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.bench.TrainingThroughput.Cell;
import org.dropoutrepro.provenance.Provenance;
import org.nd4j.linalg.factory.Nd4j;

/** Runs every measurement of the bench command in one invocation and collects them into a {@link BenchResult}. */
public final class BenchRunner {

    private static final String GEMM = "sgemm";

    private BenchRunner() {
    }

    public static BenchResult run(BenchOptions options, PrintStream log) throws IOException, InterruptedException {
        if (options.threads() != null) {
            Nd4j.getEnvironment().setMaxThreads(options.threads());
            Nd4j.factory().blas().setMaxThreads(options.threads());
        }
        int threads = options.threads() != null ? options.threads() : Runtime.getRuntime().availableProcessors();
        Provenance provenance = Provenance.capture(List.of());
        String machine = provenance.cpuModel() + ", " + provenance.availableProcessors() + " hardware threads, "
                + provenance.os() + ", Java " + provenance.java() + ", ND4J " + provenance.libraries().get("nd4j-native")
                + ", BLAS " + provenance.blas();

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
        cells.add(Cell.ALL_DL4J);
        log.printf("training steps of %d networks and the sgemm roofline, interleaved: %d rounds of %.1f s each ...%n",
                cells.size(), options.repeats(), options.secondsPerMeasurement());
        Map<Object, double[]> timed = TrainingThroughput.secondsPerStep(options, cells, Map.of(GEMM, GemmThroughput.step(options)));
        Map<Cell, double[]> training = new LinkedHashMap<>();
        for (Cell cell : cells) training.put(cell, timed.get(cell));

        Map<String, Double> torch = null;
        String torchVersion = null;
        String python = options.torch() ? TorchPeer.interpreter() : null;
        if (python != null) {
            log.println("PyTorch peer ...");
            torchVersion = TorchPeer.version(python);
            torch = new LinkedHashMap<>();
            torch.put("none", TorchPeer.examplesPerSecond(python, options, false, false, threads));
            torch.put("dropout", TorchPeer.examplesPerSecond(python, options, true, false, threads));
            torch.put("dropout+max-norm", TorchPeer.examplesPerSecond(python, options, true, true, threads));
        }
        return new BenchResult(options, threads, machine, training, timed.get(GEMM), GemmThroughput.flopsPerStep(options),
                torch, torchVersion, dropoutOp);
    }
}
