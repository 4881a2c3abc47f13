package org.dropoutrepro.model;

import org.dropoutrepro.kernels.FloatKernels;
import org.dropoutrepro.kernels.MomentumRule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.spec.RunConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.FixedSchedule;

/** The Java kernels (the fast path) against ND4J's operations (the reference path). */
class FloatKernelsTest {

    @AfterEach
    void restore() {
        FloatKernels.setEnabled(true);
    }

    /** A float row vector that is a view at a nonzero offset into a larger array, as DL4J's parameter views are. */
    private static INDArray viewAtOffset(long seed, int length) {
        Nd4j.getRandom().setSeed(seed);
        INDArray whole = Nd4j.randn(DataType.FLOAT, 1, length + 37);
        return whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(29, 29 + length)).reshape(1, length);
    }

    private static INDArray[] momentumSteps(MomentumSgd config, boolean kernels, int length) {
        FloatKernels.setEnabled(kernels);
        INDArray state = viewAtOffset(1, length);
        GradientUpdater<?> updater = config.instantiate(state, false);
        INDArray first = viewAtOffset(2, length);
        INDArray second = viewAtOffset(3, length);
        updater.applyUpdater(first, 0, 0);
        updater.applyUpdater(second, 1, 0);
        return new INDArray[] {first.dup(), second.dup(), state.dup()};
    }

    @Test
    void momentumKernelsGiveTheSameBitsAsNd4jForEveryVariant() {
        // 200_003 floats: above the parallel threshold and not a multiple of the chunk size
        for (int length : new int[] {5, 200_003}) {
            for (boolean nesterov : new boolean[] {false, true}) {
                for (boolean dampening : new boolean[] {false, true}) {
                    MomentumSgd config = new MomentumSgd(new FixedSchedule(0.37), new FixedSchedule(0.93), nesterov, dampening);
                    INDArray[] fast = momentumSteps(config, true, length);
                    INDArray[] reference = momentumSteps(config, false, length);
                    String what = "length " + length + ", nesterov " + nesterov + ", dampening " + dampening;
                    assertEquals(reference[0], fast[0], "first update, " + what);
                    assertEquals(reference[1], fast[1], "second update, " + what);
                    assertEquals(reference[2], fast[2], "velocity, " + what);
                }
            }
        }
    }

    @Test
    void reluBackwardWithTheBiasGradientGivesNd4jsTwoOperationsToTheBit() {
        int checked = 0;
        for (int[] shape : new int[][] {{100, 1024}, {60, 64}, {7, 5}, {1000, 32}, {3, 3000}}) {
            for (char epsilonOrder : new char[] {'c', 'f'}) {
                Nd4j.getRandom().setSeed(shape[0] * 31L + shape[1]);
                INDArray preActivations = Nd4j.randn(DataType.FLOAT, shape[0], shape[1]);
                // ReLU outputs, with exact zeros; gradients of both signs over several magnitudes
                INDArray activations = preActivations.mul(preActivations.gt(0).castTo(DataType.FLOAT));
                INDArray epsilon = Nd4j.randn(DataType.FLOAT, shape[0], shape[1])
                        .muli(Nd4j.rand(DataType.FLOAT, shape[0], shape[1]).muli(1000)).dup(epsilonOrder);
                INDArray expectedDelta = new ActivationReLU().backprop(activations.dup(), epsilon.dup()).getFirst();
                INDArray expectedBias = Nd4j.create(DataType.FLOAT, 1, shape[1]);
                expectedDelta.sum(expectedBias, 0);
                for (INDArray input : new INDArray[] {activations, preActivations}) {
                    INDArray delta = input.dup('c');
                    INDArray bias = Nd4j.create(DataType.FLOAT, 1, shape[1]);
                    assertTrue(FloatKernels.reluBackwardWithBiasGradient(delta, epsilon, bias));
                    assertArrayEquals(bits(expectedDelta), bits(delta), "delta " + shape[0] + "x" + shape[1] + ", epsilon " + epsilonOrder);
                    assertArrayEquals(bits(expectedBias), bits(bias), "bias gradient " + shape[0] + "x" + shape[1] + ", epsilon " + epsilonOrder);
                    checked++;
                }
            }
        }
        assertEquals(20, checked);
        INDArray fOrder = Nd4j.rand(DataType.FLOAT, 4, 3).dup('f');
        INDArray untouched = fOrder.dup();
        assertFalse(FloatKernels.reluBackwardWithBiasGradient(fOrder, Nd4j.rand(DataType.FLOAT, 4, 3), null), "f-order activations: ND4J's path");
        assertEquals(untouched, fOrder);
        assertFalse(FloatKernels.reluBackwardWithBiasGradient(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 3),
                Nd4j.create(DataType.FLOAT, 1, 4)), "a bias gradient of the wrong length");
    }

    /** Every float's bits, in c order, so that -0 and 0 and NaNs are told apart. */
    private static int[] bits(INDArray array) {
        float[] values = array.dup('c').data().asFloat();
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) bits[i] = Float.floatToRawIntBits(values[i]);
        return bits;
    }

    @Test
    void theUpdatesTrafficAloneLeavesEveryArrayAsItWas() {
        Nd4j.getRandom().setSeed(5);
        int length = 3 * 8192 + 17; // several chunks, in parallel, and a partial one
        INDArray weights = Nd4j.rand(DataType.FLOAT, 1, length);
        INDArray gradient = Nd4j.rand(DataType.FLOAT, 1, length);
        INDArray velocity = Nd4j.rand(DataType.FLOAT, 1, length);
        INDArray[] before = {weights.dup(), gradient.dup(), velocity.dup()};
        FloatKernels.streamLikeMomentumStep(weights, gradient, velocity);
        assertEquals(before[0], weights);
        assertEquals(before[1], gradient);
        assertEquals(before[2], velocity);
        MomentumRule rule = new MomentumRule(false, 10f, 0.9f, 0.5f, 0.05f, 1.9f);
        FloatKernels.momentumStep(weights, gradient, velocity, rule);
        assertNotEquals(before[0], weights, "the step itself, on the same arrays, changes the weights");
    }

    @Test
    void copyingToCOrderWithTheBiasGivesNd4jsAssignThenAddRowVector() {
        Nd4j.getRandom().setSeed(12);
        INDArray product = Nd4j.randn(DataType.FLOAT, 41, 67).dup('f');
        product.putScalar(0, 0, -0.0f);
        product.putScalar(1, 1, Float.NaN);
        INDArray bias = Nd4j.randn(DataType.FLOAT, 1, 67);
        bias.putScalar(0, 0, 0f);
        for (INDArray row : new INDArray[] {bias, null}) {
            INDArray fast = Nd4j.create(DataType.FLOAT, new long[] {41, 67}, 'c');
            FloatKernels.copyAddingRow(product, row, fast);
            INDArray reference = Nd4j.create(DataType.FLOAT, new long[] {41, 67}, 'c').assign(product);
            if (row != null) reference.addiRowVector(row);
            String what = row == null ? "copy" : "copy + bias";
            assertArrayEquals(intBits(reference), intBits(fast), what + ", to the bit (the sign of zero and NaNs too)");
            float expected = product.getFloat(3, 60) + (row == null ? 0f : bias.getFloat(0, 60));
            assertEquals(expected, fast.getFloat(3, 60), 0f);
        }
    }

    private static int[] intBits(INDArray array) {
        float[] values = array.data().asFloat();
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) bits[i] = Float.floatToRawIntBits(values[i]);
        return bits;
    }

    @Test
    void projectionMatchesNd4jAndLeavesColumnsInsideTheBallUntouched() {
        int rows = 300;
        int columns = 400;
        Nd4j.getRandom().setSeed(5);
        INDArray flat = Nd4j.randn(DataType.FLOAT, 1, rows * columns + 11).muli(0.1);
        INDArray weights = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(11, 11 + rows * columns)).reshape('f', rows, columns);
        assertTrue(FloatKernels.appliesToColumns(weights), "a DL4J-style weight view takes the kernel");
        double maxNorm = 1.7; // column norms are about 0.1 * sqrt(300) = 1.73: some above, some below
        INDArray before = weights.dup('f');
        INDArray normsBefore = before.norm2(0);

        new IncomingMaxNorm(maxNorm).project(weights);
        INDArray fast = weights.dup('f');
        weights.assign(before);
        FloatKernels.setEnabled(false);
        new IncomingMaxNorm(maxNorm).project(weights);

        int projected = 0;
        for (int column = 0; column < columns; column++) {
            INDArray fastColumn = fast.getColumn(column);
            if (normsBefore.getDouble(column) <= maxNorm * (1 - 1e-5)) {
                assertEquals(before.getColumn(column), fastColumn, "column " + column + " is inside the ball");
            } else if (normsBefore.getDouble(column) > maxNorm * (1 + 1e-5)) {
                projected++;
                assertEquals(maxNorm, fastColumn.norm2Number().doubleValue(), maxNorm * 1e-6, "column " + column);
            }
            assertTrue(fastColumn.equalsWithEps(weights.getColumn(column), 1e-6), "column " + column + " agrees with ND4J");
        }
        assertTrue(projected > 50 && projected < columns - 50, projected + " of " + columns + " columns projected");
    }

    private record Trained(List<Double> losses, INDArray params, INDArray velocities) {
    }

    /** 30 steps of {@link TrainingStep} on a small net with dropout and a learning rate at which max-norm binds. */
    private static Trained train(boolean kernels, Map<String, Object> settings) {
        FloatKernels.setEnabled(kernels);
        Map<String, Object> overrides = new HashMap<>(Map.of("architecture.hiddenWidths", List.of(64, 64),
                "optimizer.learningRate", 3.0));
        overrides.putAll(settings);
        RunConfig config = RunConfig.defaults().withOverrides(overrides, "test");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, 7, 40, 5, Task.CLASSIFICATION));
        net.init();
        assertEquals(kernels, FloatKernels.appliesToColumns(net.getLayer(1).getParam("W")), "max-norm path");
        assertEquals(kernels, FloatKernels.appliesTo(net.getUpdater().getStateViewArray(), net.params()), "updater path");
        Nd4j.getRandom().setSeed(9);
        INDArray features = Nd4j.rand(DataType.FLOAT, 60, 40);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 60, 5);
        for (int i = 0; i < 60; i++) labels.putScalar(i, (i * 3) % 5, 1f);
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < 30; step++) {
            TrainingStep.fit(net, new DataSet(features, labels));
            losses.add(net.score());
        }
        assertEquals(30, net.getIterationCount());
        return new Trained(losses, net.params().dup(), net.getUpdater().getStateViewArray().dup());
    }

    private static double largestColumnNorm(INDArray params, int from, int rows, int columns) {
        INDArray weights = params.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + rows * columns)).reshape('f', rows, columns);
        return weights.norm2(0).maxNumber().doubleValue();
    }

    @Test
    void shortTrainingGivesTheSameLossCurveWithTheFastPathOnAndOff() {
        for (String momentumType : new String[] {"classical", "nesterov"}) {
            for (String implementation : new String[] {"ours", "dl4j"}) {
                Map<String, Object> settings = Map.of("optimizer.momentumType", momentumType,
                        "regularization.maxNorm", 1.0, "regularization.maxNormImplementation", implementation,
                        "regularization.maxNormMeaning", "as-trained"); // c = 1 on the trained weights of every layer
                Trained fast = train(true, settings);
                Trained reference = train(false, settings);
                String what = momentumType + " momentum, " + implementation + " max-norm";
                for (int step = 0; step < fast.losses().size(); step++) {
                    // column norms are summed in another order: agreement to float rounding, not to the bit
                    assertEquals(reference.losses().get(step), fast.losses().get(step),
                            1e-5 * Math.abs(reference.losses().get(step)), what + ", step " + step);
                }
                assertTrue(fast.params().equalsWithEps(reference.params(), 1e-4), what + ": final parameters");
                // layer 1's W starts after layer 0's W [40, 64] and b [64]
                double largest = largestColumnNorm(fast.params(), 40 * 64 + 64, 64, 64);
                assertTrue(largest > 1 - 1e-4 && largest < 1 + 1e-4, what + ": the constraint binds, largest norm " + largest);
            }
        }
    }

    @Test
    void withoutMaxNormTheFusedStepIsBitIdenticalToDl4jsFit() {
        for (Map<String, Object> settings : List.<Map<String, Object>>of(Map.of(), Map.of("optimizer.dampening", false),
                Map.of("optimizer.momentumType", "nesterov"))) {
            Trained fast = train(true, settings);
            Trained reference = train(false, settings);
            assertEquals(reference.losses(), fast.losses(), settings.toString());
            assertEquals(reference.params(), fast.params(), settings.toString());
            assertEquals(reference.velocities(), fast.velocities(), settings.toString());
            assertTrue(largestColumnNorm(fast.params(), 40 * 64 + 64, 64, 64) > 1.5, "the comparison differs from the constrained one");
        }
    }

    @Test
    void theOnePassUpdateTakesTheToolkitsNetworksAndLeavesRegularizedOnesToDl4j() {
        for (double l2 : new double[] {0.0, 1e-4}) {
            Map<String, Object> overrides = new HashMap<>(Map.of("architecture.hiddenWidths", List.of(16),
                    "regularization.maxNorm", 1.0, "regularization.l2", l2));
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(RunConfig.defaults().withOverrides(overrides, "test"),
                    7, 40, 5, Task.CLASSIFICATION));
            net.init();
            net.setInput(Nd4j.rand(DataType.FLOAT, 8, 40));
            net.setLabels(Nd4j.eye(5).getRows(0, 1, 2, 3, 4, 0, 1, 2).castTo(DataType.FLOAT));
            net.computeGradientAndScore();
            INDArray before = net.params().dup();
            boolean applied = FusedUpdate.apply(net, net.gradient(), 0, 0, 8);
            assertEquals(l2 == 0.0, applied, "l2 = " + l2);
            assertEquals(applied, !before.equals(net.params()), "parameters change exactly when the update is applied, l2 = " + l2);
        }
    }
}
