package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Monte-Carlo model averaging (Srivastava et al. 2014, Section 7.5, Figure 11): the prediction is the mean of the
 * outputs of k thinned networks, i.e. of k forward passes with dropout on, compared in the paper with weight scaling
 * ({@link WeightScaling}).
 *
 * <p>The passes run on an independent clone of the network, so the network's parameters, counters and dropout state
 * are never touched. Pass j of a {@link SeededDropout} layer uses network seed {@code SeedMixer.derive(seed, j)}, so
 * the result depends only on {@code seed}. Other dropout types (DL4J's {@code Dropout}, ...) draw from
 * {@code Nd4j.getRandom()}, which is re-seeded with {@code seed} first: then the result is deterministic too, and the
 * calling thread's ND4J generator is left in a state that depends on {@code seed}.
 */
public final class MonteCarloAverager {

    private MonteCarloAverager() {
    }

    /** The mean of {@code passes} training-mode forward passes of {@code network} on {@code input}. */
    public static INDArray average(MultiLayerNetwork network, INDArray input, int passes, long seed) {
        return averagesAt(network, input, seed, passes).get(0);
    }

    /**
     * Running means after each of {@code passCounts} passes (ascending, positive), computed in one sweep of
     * {@code max(passCounts)} passes: the means for k = 1, 2, 5, ... 100 cost as much as k = 100 alone.
     */
    public static List<INDArray> averagesAt(MultiLayerNetwork network, INDArray input, long seed, int... passCounts) {
        checkPassCounts(passCounts);
        MultiLayerNetwork thinned = DropoutConfigs.independentClone(network);
        Nd4j.getRandom().setSeed(seed);
        List<INDArray> means = new ArrayList<>(passCounts.length);
        INDArray sum = null;
        int next = 0;
        for (int pass = 1; pass <= passCounts[passCounts.length - 1]; pass++) {
            reseed(thinned, SeedMixer.derive(seed, pass));
            INDArray output = thinned.output(input, true);
            sum = sum == null ? output.dup() : sum.addi(output);
            if (pass == passCounts[next]) {
                means.add(sum.div(pass));
                next++;
            }
        }
        return means;
    }

    private static void reseed(MultiLayerNetwork network, long passSeed) {
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            if (layer.getIDropout() instanceof SeededDropout seeded) {
                layer.setIDropout(seeded.withSeed(passSeed, i));
            }
        }
    }

    private static void checkPassCounts(int[] passCounts) {
        if (passCounts.length == 0 || passCounts[0] < 1) {
            throw new IllegalArgumentException("pass counts must be positive and non-empty, got "
                    + Arrays.toString(passCounts));
        }
        for (int i = 1; i < passCounts.length; i++) {
            if (passCounts[i] <= passCounts[i - 1]) {
                throw new IllegalArgumentException("pass counts must be strictly ascending, got "
                        + Arrays.toString(passCounts));
            }
        }
    }
}
