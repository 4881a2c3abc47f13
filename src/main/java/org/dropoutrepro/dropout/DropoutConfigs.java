package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Configuration-wide operations on the dropout of each layer (the per-layer dropout of Srivastava et al. 2014,
 * Section 4, placed on each layer's input as DL4J does).
 */
public final class DropoutConfigs {

    private DropoutConfigs() {
    }

    /**
     * Gives every {@link SeededDropout} of {@code configuration} the seed {@code networkSeed} and its layer's index,
     * in place. Needed when one dropout instance was set globally on the builder, since DL4J copies it to every layer.
     *
     * @return {@code configuration}
     */
    public static MultiLayerConfiguration assignSeeds(MultiLayerConfiguration configuration, long networkSeed) {
        for (int i = 0; i < configuration.getConfs().size(); i++) {
            Layer layer = configuration.getConf(i).getLayer();
            if (layer.getIDropout() instanceof SeededDropout seeded) {
                layer.setIDropout(seeded.withSeed(networkSeed, i));
            }
        }
        return configuration;
    }

    /**
     * A copy of {@code configuration} whose layers own their dropout instances; build each network that trains
     * alongside others from its own copy. A dropout instance holds its mask between forward and backward pass, and in
     * DL4J beta7 instances are shared more often than one expects: {@code new MultiLayerNetwork(conf)} keeps
     * {@code conf} itself, so two networks built from one configuration object share every dropout instance; and
     * {@code clone()} clones the dropout of parameterised layers ({@code BaseLayer}) but not of parameterless ones
     * ({@code NoParamLayer}: {@code ActivationLayer}, {@code SubsamplingLayer}, ...).
     */
    public static MultiLayerConfiguration independentCopy(MultiLayerConfiguration configuration) {
        MultiLayerConfiguration copy = configuration.clone();
        for (int i = 0; i < copy.getConfs().size(); i++) {
            Layer layer = copy.getConf(i).getLayer();
            IDropout dropout = layer.getIDropout();
            if (dropout != null) {
                layer.setIDropout(dropout.clone());
            }
        }
        return copy;
    }

    /**
     * A clone of {@code network} (parameters, updater state, counters) whose layers own their dropout instances (see
     * {@link #independentCopy} for where DL4J's {@code clone()} shares them).
     */
    public static MultiLayerNetwork independentClone(MultiLayerNetwork network) {
        MultiLayerNetwork copy = network.clone();
        for (int i = 0; i < copy.getnLayers(); i++) {
            Layer layer = copy.getLayerWiseConfigurations().getConf(i).getLayer();
            IDropout dropout = layer.getIDropout();
            if (dropout != null) {
                layer.setIDropout(dropout.clone());
            }
        }
        return copy;
    }
}
