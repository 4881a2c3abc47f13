package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's test-time weight scaling (Srivastava et al. 2014, Section 4, Figure 2): a unit retained with
 * probability p during training has its outgoing weights multiplied by p at test time, which approximates the
 * average prediction of the exponentially many thinned networks.
 *
 * <p>Needed only for {@link BernoulliDropout} with {@link Scaling#TEST_TIME}; {@link Scaling#INVERTED} already scales
 * during training. DL4J applies dropout to a layer's input, so the units feeding layer i are dropped by layer i's own
 * dropout, and it is layer i's input weights {@code W} that are scaled. Biases are unchanged; so are recurrent weights
 * (DL4J does not drop the recurrent input).
 */
public final class WeightScaling {

    private WeightScaling() {
    }

    /**
     * A copy of {@code trained} for inference ({@code output(x)}, i.e. train=false): each layer whose dropout is a
     * TEST_TIME {@link BernoulliDropout} has its weights {@code W} multiplied by that dropout's retain probability at
     * the network's current iteration and epoch. Other layers, and {@code trained}, are unchanged.
     *
     * @throws IllegalArgumentException if a TEST_TIME dropout sits on a layer without weights {@code W} (its scaling
     *                                  would have to move into a later layer, which this class does not attempt)
     */
    public static MultiLayerNetwork scaledCopy(MultiLayerNetwork trained) {
        MultiLayerNetwork copy = DropoutConfigs.independentClone(trained);
        int iteration = trained.getLayerWiseConfigurations().getIterationCount();
        int epoch = trained.getLayerWiseConfigurations().getEpochCount();
        for (int i = 0; i < copy.getnLayers(); i++) {
            Layer layer = copy.getLayer(i);
            IDropout dropout = layer.conf().getLayer().getIDropout();
            if (dropout instanceof BernoulliDropout bernoulli && bernoulli.getScaling() == Scaling.TEST_TIME) {
                INDArray weights = layer.paramTable().get(DefaultParamInitializer.WEIGHT_KEY);
                if (weights == null) {
                    throw new IllegalArgumentException("Layer " + i + " (" + layer.getClass().getSimpleName()
                            + ") has TEST_TIME dropout but no weights '" + DefaultParamInitializer.WEIGHT_KEY
                            + "' to scale");
                }
                weights.muli(bernoulli.retainProbabilityAt(iteration, epoch));
            }
        }
        return copy;
    }
}
