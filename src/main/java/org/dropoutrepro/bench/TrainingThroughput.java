package org.dropoutrepro.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.data.Task;
import org.dropoutrepro.model.NetworkFactory;
import org.dropoutrepro.spec.RunConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput (examples/s) of the MLP for every combination of dropout {none, DL4J's Dropout,
 * ours} and max-norm {none, DL4J's MaxNormConstraint, ours} (hidden layers reusing activations), plus
 * DL4J's own dense backprop without and with DL4J's dropout and max-norm, on random data. Measurements are
 * interleaved across the nine networks, round after round, so that drift in the machine's speed
 * touches all of them alike; the median round is reported.
 */
final class TrainingThroughput {

    /** A dropout or max-norm variant: none, DL4J's, or ours. */
    enum Variant { NONE, DL4J, OURS }

    /** One network: dropout and max-norm variants, and whether hidden layers reuse forward activations in backprop. */
    record Cell(Variant dropout, Variant maxNorm, boolean reuseActivations) {
    }

    private TrainingThroughput() {
    }

    static Map<Cell, Double> measure(BenchOptions options, List<Cell> cells) {
        Map<Cell, MultiLayerNetwork> nets = new LinkedHashMap<>();
        for (Cell cell : cells) nets.put(cell, network(options, cell));
        Nd4j.getRandom().setSeed(1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, options.batchSize(), BenchOptions.INPUTS);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, options.batchSize(), BenchOptions.CLASSES);
            for (int row = 0; row < options.batchSize(); row++) labels.putScalar(row, (row * 7 + i) % BenchOptions.CLASSES, 1f);
            batches.add(new DataSet(features, labels));
        }
        for (MultiLayerNetwork net : nets.values()) examplesPerSecond(net, batches, options.secondsPerMeasurement() / 2);
        Map<Cell, double[]> rounds = new LinkedHashMap<>();
        for (Cell cell : cells) rounds.put(cell, new double[options.repeats()]);
        for (int round = 0; round < options.repeats(); round++) {
            for (Cell cell : cells) {
                rounds.get(cell)[round] = examplesPerSecond(nets.get(cell), batches, options.secondsPerMeasurement());
            }
        }
        Map<Cell, Double> medians = new LinkedHashMap<>();
        rounds.forEach((cell, values) -> medians.put(cell, Median.of(values)));
        return medians;
    }

    private static double examplesPerSecond(MultiLayerNetwork net, List<DataSet> batches, double seconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long examples = 0;
        int step = 0;
        do {
            DataSet batch = batches.get(step++ % batches.size());
            net.fit(batch);
            examples += batch.numExamples();
        } while (System.nanoTime() < deadline);
        return examples / ((System.nanoTime() - start) / 1e9);
    }

    static MultiLayerNetwork network(BenchOptions options, Cell cell) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("architecture.hiddenWidths", options.hiddenWidths());
        overrides.put("dropout.kind", cell.dropout() == Variant.NONE ? "none" : "bernoulli");
        overrides.put("dropout.implementation", cell.dropout() == Variant.DL4J ? "dl4j" : "ours");
        overrides.put("dropout.inputRetain", options.inputRetain());
        overrides.put("dropout.hiddenRetain", options.hiddenRetain());
        overrides.put("regularization.maxNorm", cell.maxNorm() == Variant.NONE ? null : options.maxNorm());
        overrides.put("regularization.maxNormImplementation", cell.maxNorm() == Variant.DL4J ? "dl4j" : "ours");
        overrides.put("optimizer.learningRate", 0.01);
        overrides.put("architecture.reuseActivations", cell.reuseActivations());
        RunConfig config = RunConfig.defaults().withOverrides(overrides, "bench");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, 1, BenchOptions.INPUTS,
                BenchOptions.CLASSES, Task.CLASSIFICATION));
        net.init();
        return net;
    }
}
