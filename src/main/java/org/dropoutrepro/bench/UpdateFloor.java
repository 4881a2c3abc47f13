package org.dropoutrepro.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.dropoutrepro.kernels.FloatKernels;
import org.dropoutrepro.kernels.MomentumRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameter update (momentum SGD, the paper's Appendix A.2) measured against the memory it must move: the
 * one-pass update of as many parameters as the net has ({@link FloatKernels#momentumStep}), and the same reads
 * and writes without the arithmetic ({@link FloatKernels#streamLikeMomentumStep}): weights, gradients and
 * velocities read, weights and velocities written, {@link #BYTES_PER_PARAMETER} bytes a parameter. Both are timed
 * interleaved with the training steps and the roofline's products, so their arrays leave the cache between
 * calls as the network's do in training. With the roofline, the traffic gives a floor under a step that keeps
 * today's numbers: the products cannot go faster than the BLAS, and the update cannot move less memory without
 * changing the order of its float operations.
 */
final class UpdateFloor {

    static final String UPDATE = "update";
    static final String TRAFFIC = "update traffic";
    /** Three floats read and two written per parameter. */
    static final int BYTES_PER_PARAMETER = 5 * Float.BYTES;

    private UpdateFloor() {
    }

    /** The two workloads, under {@link #UPDATE} and {@link #TRAFFIC}, on arrays of the net's parameter count. */
    static Map<String, DoubleSupplier> workloads(BenchOptions options) {
        long parameters = options.parameters();
        Nd4j.getRandom().setSeed(3);
        INDArray weights = Nd4j.rand(DataType.FLOAT, 1, parameters);
        INDArray gradient = Nd4j.rand(DataType.FLOAT, 1, parameters);
        INDArray velocity = Nd4j.zeros(DataType.FLOAT, 1, parameters);
        // classical momentum 0.9 with dampening at a small rate: the velocity stays bounded however often it runs
        float momentum = 0.9f;
        float learningRate = 1e-4f;
        MomentumRule rule = new MomentumRule(false, options.batchSize(), momentum, learningRate, (1 - momentum) * learningRate,
                1 + momentum);
        Map<String, DoubleSupplier> workloads = new LinkedHashMap<>();
        workloads.put(UPDATE, () -> timed(() -> FloatKernels.momentumStep(weights, gradient, velocity, rule)));
        workloads.put(TRAFFIC, () -> timed(() -> FloatKernels.streamLikeMomentumStep(weights, gradient, velocity)));
        return workloads;
    }

    private static double timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
