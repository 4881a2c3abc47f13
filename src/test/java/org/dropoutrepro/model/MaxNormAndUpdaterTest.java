package org.dropoutrepro.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class MaxNormAndUpdaterTest {

    private static final double MAX_NORM = 1.5;

    private static double[] columnNorms(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).getParam("W").norm2(0).castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static MultiLayerNetwork train(RunConfig config) {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, 3, 20, 4, Task.CLASSIFICATION));
        net.init();
        Nd4j.getRandom().setSeed(11);
        INDArray features = Nd4j.rand(DataType.FLOAT, 64, 20).muli(4);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 64, 4);
        for (int i = 0; i < 64; i++) labels.putScalar(i, i % 4, 1f);
        for (int step = 0; step < 10; step++) net.fit(new DataSet(features, labels));
        return net;
    }

    @Test
    void everyHiddenUnitsIncomingWeightsStayWithinTheBallWhileTheyWouldGrowBeyondItWithout() {
        RunConfig unconstrained = RunConfig.defaults().withOverrides(Map.of("architecture.hiddenWidths", List.of(40, 40),
                "optimizer.learningRate", 5.0, "optimizer.momentumType", "none", "dropout.kind", "none"), "test");
        MultiLayerNetwork free = train(unconstrained);
        double largestFree = 0;
        for (int layer = 0; layer < 2; layer++) {
            for (double norm : columnNorms(free, layer)) largestFree = Math.max(largestFree, norm);
        }
        assertTrue(largestFree > MAX_NORM * 1.5, "without the constraint some column grows to " + largestFree);

        MultiLayerNetwork bounded = train(unconstrained.withOverrides(Map.of("regularization.maxNorm", MAX_NORM), "test"));
        int atTheBound = 0;
        for (int layer = 0; layer < 2; layer++) {
            for (double norm : columnNorms(bounded, layer)) {
                assertTrue(norm <= MAX_NORM * (1 + 1e-5), "column norm " + norm + " exceeds " + MAX_NORM);
                if (norm > MAX_NORM * (1 - 1e-4)) atTheBound++;
            }
        }
        assertTrue(atTheBound > 0, "some columns were projected onto the ball");
    }

    /** The largest incoming-weight norm of {@code layer} in the paper's unscaled terms: trained weights / scale. */
    private static double largestUnscaledNorm(MultiLayerNetwork net, int layer, double trainedWeightScale) {
        double largest = 0;
        for (double norm : columnNorms(net, layer)) largest = Math.max(largest, norm / trainedWeightScale);
        return largest;
    }

    @Test
    void thePapersCBoundsTheUnscaledWeightsAtCUnderInvertedAndTestTimeScaling() {
        double c = 2.0;
        double inputRetain = 0.8;
        double hiddenRetain = 0.5;
        RunConfig paper = RunConfig.defaults().withOverrides(Map.of("architecture.hiddenWidths", List.of(40, 40),
                "optimizer.learningRate", 5.0, "optimizer.momentumType", "none", "dropout.inputRetain", inputRetain,
                "dropout.hiddenRetain", hiddenRetain, "regularization.maxNorm", c), "test");
        assertEquals(Sections.MaxNormMeaning.PAPER, paper.regularization().maxNormMeaning(), "the paper's meaning is the default");
        // inverted dropout: the paper's weights are the trained ones divided by the retain probability of the layer's input
        MultiLayerNetwork inverted = train(paper);
        double[] scales = {inputRetain, hiddenRetain};
        for (int layer = 0; layer < 2; layer++) {
            double unscaled = largestUnscaledNorm(inverted, layer, scales[layer]);
            assertTrue(unscaled <= c * (1 + 1e-5), "layer " + layer + ": unscaled norm " + unscaled + " exceeds c = " + c);
            assertTrue(unscaled > c * (1 - 1e-4), "layer " + layer + ": the bound was reached (" + unscaled + ")");
        }
        // test-time scaling trains the paper's weights themselves
        MultiLayerNetwork testTime = train(paper.withOverrides(Map.of("dropout.scaling", "test-time"), "test"));
        for (int layer = 0; layer < 2; layer++) {
            double norm = largestUnscaledNorm(testTime, layer, 1.0);
            assertTrue(norm <= c * (1 + 1e-5) && norm > c * (1 - 1e-4), "layer " + layer + ": " + norm);
        }
        // the meaning recorded before the key existed bounds the trained weights, so the paper's are c / retain
        MultiLayerNetwork asTrained = train(paper.withOverrides(Map.of("regularization.maxNormMeaning", "as-trained"), "test"));
        assertEquals(c / hiddenRetain, largestUnscaledNorm(asTrained, 1, hiddenRetain), c * 1e-4);
    }

    @Test
    void projectionLeavesShortColumnsUntouchedAndScalesLongOnesOntoTheBall() {
        INDArray weights = Nd4j.createFromArray(new float[][] {{3, 0.1f}, {4, 0.2f}});
        new IncomingMaxNorm(2.0).project(weights);
        assertEquals(1.2f, weights.getFloat(0, 0), 1e-6);
        assertEquals(1.6f, weights.getFloat(1, 0), 1e-6);
        assertEquals(0.1f, weights.getFloat(0, 1), 0f);
        assertEquals(0.2f, weights.getFloat(1, 1), 0f);
    }

    private static INDArray[] applyTwice(IUpdater updater, double[] gradient1, double[] gradient2) {
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, gradient1.length);
        GradientUpdater<?> instance = updater.instantiate(state, true);
        INDArray first = Nd4j.createFromArray(gradient1).reshape(1, gradient1.length);
        INDArray second = Nd4j.createFromArray(gradient2).reshape(1, gradient2.length);
        instance.applyUpdater(first, 0, 0);
        instance.applyUpdater(second, 1, 0);
        return new INDArray[] {first, second};
    }

    @Test
    void classicalMomentumWithDampeningFollowsHintonEtAl() {
        double lr = 0.5;
        double momentum = 0.9;
        MomentumSgd updater = new MomentumSgd(new FixedSchedule(lr), new FixedSchedule(momentum), false, true);
        INDArray[] updates = applyTwice(updater, new double[] {1, -2}, new double[] {3, 4});
        // v1 = (1-m) lr g1; v2 = m v1 + (1-m) lr g2
        double v1 = (1 - momentum) * lr * 1;
        assertEquals(v1, updates[0].getDouble(0), 1e-12);
        assertEquals(momentum * v1 + (1 - momentum) * lr * 3, updates[1].getDouble(0), 1e-12);
        MomentumSgd plain = new MomentumSgd(new FixedSchedule(lr), new FixedSchedule(momentum), false, false);
        INDArray[] undamped = applyTwice(plain, new double[] {1, -2}, new double[] {3, 4});
        assertEquals(momentum * (lr * -2) + lr * 4, undamped[1].getDouble(1), 1e-12);
    }

    @Test
    void nesterovMatchesDl4jsNesterovs() {
        MomentumSgd ours = new MomentumSgd(new FixedSchedule(0.1), new FixedSchedule(0.9), true, false);
        INDArray[] a = applyTwice(ours, new double[] {1, -2, 0.5}, new double[] {3, 4, -1});
        INDArray[] b = applyTwice(new Nesterovs(0.1, 0.9), new double[] {1, -2, 0.5}, new double[] {3, 4, -1});
        assertEquals(b[0], a[0]);
        assertTrue(b[1].equalsWithEps(a[1], 1e-12), a[1] + " vs " + b[1]);
    }

    @Test
    void momentumRampsLinearlyOverEpochs() {
        LinearRampSchedule ramp = new LinearRampSchedule(ScheduleType.EPOCH, 0.5, 0.99, 10);
        assertEquals(0.5, ramp.valueAt(123, 0));
        assertEquals(0.745, ramp.valueAt(0, 5), 1e-12);
        assertEquals(0.99, ramp.valueAt(0, 10));
        assertEquals(0.99, ramp.valueAt(0, 500));
    }
}
