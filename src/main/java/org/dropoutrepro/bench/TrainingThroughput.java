package org.dropoutrepro.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.kernels.FloatKernels;
import org.dropoutrepro.kernels.HelperThread;
import org.dropoutrepro.model.NetworkFactory;
import org.dropoutrepro.model.ReusingDenseLayer;
import org.dropoutrepro.model.TrainingStep;
import org.dropoutrepro.spec.RunConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput (examples/s) of the MLP for every combination of dropout {none, DL4J's Dropout,
 * ours} and max-norm {none, DL4J's MaxNormConstraint, ours} (hidden layers reusing activations), plus
 * DL4J's own dense backprop without and with DL4J's dropout and max-norm, and one network stepping with
 * its max-norm on and off ({@link MaxNormSwitch}), on random data, timed step by step in turn
 * ({@link Interleaved}); ratios between cells are taken within each round (see {@link BenchResult#ratio}).
 */
final class TrainingThroughput {

    /** A dropout or max-norm variant: none, DL4J's, or ours. */
    enum Variant { NONE, DL4J, OURS }

    /**
     * One network: dropout and max-norm variants, whether hidden layers reuse forward activations in
     * backprop, whether the step runs the one-pass Java kernels ({@link TrainingStep}) or ND4J's operations, whether
     * the hidden layers' products go to OpenBLAS directly, and whether the step's {@link HelperThread} is used.
     */
    record Cell(Variant dropout, Variant maxNorm, boolean reuseActivations, boolean fastStep, boolean productsInPlace,
                boolean helperThread) {

        /** Ours dropout and max-norm on reused activations, with the step in ND4J's operations and DL4J's fit. */
        static final Cell ND4J_STEP = new Cell(Variant.OURS, Variant.OURS, true, false, true, true);
        /** No dropout, no max-norm, DL4J's own dense backprop and fit. */
        static final Cell DL4J_BACKPROP = new Cell(Variant.NONE, Variant.NONE, false, false, false, true);
        /** DL4J's dense backprop, Dropout and MaxNormConstraint, with DL4J's fit. */
        static final Cell ALL_DL4J = new Cell(Variant.DL4J, Variant.DL4J, false, false, false, true);
        /** The defaults without dropout, except that the layers' products go through beta7's mmuli. */
        static final Cell MMULI_PRODUCTS = new Cell(Variant.NONE, Variant.NONE, true, true, false, true);
        /** The defaults with ours dropout + max-norm, except that the layers' products go through beta7's mmuli. */
        static final Cell MMULI_PRODUCTS_MAX_NORM = new Cell(Variant.OURS, Variant.OURS, true, true, false, true);
        /**
         * The defaults without dropout, except without the step's {@link HelperThread}: each product threaded by OpenBLAS,
         * the update and the masks on the fork-join pool.
         */
        static final Cell BLAS_THREADS = new Cell(Variant.NONE, Variant.NONE, true, true, true, false);
        /** The defaults with ours dropout + max-norm, except without the step's {@link HelperThread}. */
        static final Cell BLAS_THREADS_MAX_NORM = new Cell(Variant.OURS, Variant.OURS, true, true, true, false);

        /** A cell on this toolkit's default path: reused activations, products in place, the fast step, the helper thread. */
        static Cell of(Variant dropout, Variant maxNorm) {
            return new Cell(dropout, maxNorm, true, true, true, true);
        }
    }

    /**
     * The two workloads of one network, ours dropout + ours max-norm, stepping with its max-norm constraint
     * on or off: the cost of max-norm without the differences between two networks.
     */
    enum MaxNormSwitch { ON, OFF }

    private TrainingThroughput() {
    }

    /**
     * Seconds per step of every cell and of both {@link MaxNormSwitch} positions in every round,
     * interleaved step by step with {@code extra} workloads (the roofline's matrix products) under the keys given, with
     * {@code afterRound} run after each round (the PyTorch peer's round).
     */
    static Map<Object, double[]> secondsPerStep(BenchOptions options, List<Cell> cells, Map<String, DoubleSupplier> extra,
                                                Runnable afterRound) {
        List<DataSet> batches = randomBatches(options);
        Map<Object, DoubleSupplier> workloads = new LinkedHashMap<>();
        for (Cell cell : cells) {
            MultiLayerNetwork net = network(options, cell);
            int[] step = {0};
            workloads.put(cell, () -> {
                FloatKernels.setEnabled(cell.fastStep());
                ReusingDenseLayer.setProductsInPlace(cell.productsInPlace());
                HelperThread.setEnabled(cell.helperThread());
                return timedStep(net, batches.get(step[0]++ % batches.size()));
            });
        }
        MultiLayerNetwork switched = network(options, Cell.of(Variant.OURS, Variant.OURS));
        List<List<LayerConstraint>> constraints = new ArrayList<>();
        for (Layer layer : switched.getLayers()) constraints.add(layerConfiguration(layer).getConstraints());
        int[] switchedStep = {0};
        for (MaxNormSwitch position : MaxNormSwitch.values()) {
            workloads.put(position, () -> {
                FloatKernels.setEnabled(true);
                ReusingDenseLayer.setProductsInPlace(true);
                HelperThread.setEnabled(true);
                for (int index = 0; index < constraints.size(); index++) {
                    List<LayerConstraint> active = position == MaxNormSwitch.ON ? constraints.get(index) : null;
                    layerConfiguration(switched.getLayer(index)).setConstraints(active);
                }
                return timedStep(switched, batches.get(switchedStep[0]++ % batches.size()));
            });
        }
        workloads.putAll(extra);
        try {
            return Interleaved.secondsPerStep(workloads, options.secondsPerMeasurement(), options.repeats(), afterRound);
        } finally {
            FloatKernels.setEnabled(true);
            ReusingDenseLayer.setProductsInPlace(true);
            HelperThread.setEnabled(true);
        }
    }

    static List<DataSet> randomBatches(BenchOptions options) {
        Nd4j.getRandom().setSeed(1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, options.batchSize(), BenchOptions.INPUTS);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, options.batchSize(), BenchOptions.CLASSES);
            for (int row = 0; row < options.batchSize(); row++) labels.putScalar(row, (row * 7 + i) % BenchOptions.CLASSES, 1f);
            batches.add(new DataSet(features, labels));
        }
        return batches;
    }

    private static double timedStep(MultiLayerNetwork net, DataSet batch) {
        long start = System.nanoTime();
        TrainingStep.fit(net, batch);
        return (System.nanoTime() - start) / 1e9;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerConfiguration(Layer layer) {
        return layer.conf().getLayer();
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
        overrides.put("regularization.maxNormMeaning", "as-trained"); // c on the trained weights, as the PyTorch peer
        overrides.put("optimizer.learningRate", 0.01);
        overrides.put("architecture.reuseActivations", cell.reuseActivations());
        RunConfig config = RunConfig.defaults().withOverrides(overrides, "bench");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, 1, BenchOptions.INPUTS,
                BenchOptions.CLASSES, Task.CLASSIFICATION));
        net.init();
        return net;
    }
}
