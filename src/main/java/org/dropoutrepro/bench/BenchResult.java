package org.dropoutrepro.bench;

import java.util.Map;

/**
 * Everything one {@code ./dropout bench} invocation measured, in one JVM on one machine: training
 * examples/s of the nine dropout x max-norm cells, the PyTorch peer (null when absent), the sgemm
 * roofline at the net's own shapes, and the dropout operation alone.
 */
public record BenchResult(BenchOptions options, int threads, String machine, Map<TrainingThroughput.Cell, Double> training,
                          Map<String, Double> torch, String torchVersion, GemmThroughput.Result gemm,
                          DropoutOpBenchmark.Result dropoutOp) {
}
