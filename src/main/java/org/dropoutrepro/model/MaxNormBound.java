package org.dropoutrepro.model;

import java.util.ArrayList;
import java.util.List;
import org.dropoutrepro.dropout.Scaling;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;

/**
 * The bound each hidden layer's max-norm projection applies to its trained weights (Appendix A.3), given
 * what {@code regularization.maxNorm} means ({@code regularization.maxNormMeaning}).
 *
 * <p>The paper trains its networks unscaled and multiplies a unit's outgoing weights by its retain
 * probability at test time (Section 4). Inverted dropout divides the kept units by the retain probability
 * {@code r} in training instead, so its trained weights {@code W'} compute what the paper's
 * {@code W = W' / r} compute. The paper's bound {@code ||W_j|| <= c} on a unit's incoming weights is
 * therefore {@code ||W'_j|| <= c r} on the trained weights, with {@code r} the retain probability of the
 * layer's INPUT (input retain for the first hidden layer, hidden retain for the later ones). With
 * test-time scaling, Gaussian dropout (mean 1, no scaling) or no dropout, the trained weights are the
 * paper's and the bound is {@code c}. The meaning {@code as-trained} bounds the trained weights at
 * {@code c} whatever the scaling (the toolkit's meaning before it recorded this key).
 */
public final class MaxNormBound {

    private MaxNormBound() {
    }

    /** The bound on the trained incoming weight vectors of hidden layer {@code layerIndex}, or null without max-norm. */
    public static Double forLayer(RunConfig config, int layerIndex) {
        Double c = config.regularization().maxNorm();
        if (c == null) return null;
        if (config.regularization().maxNormMeaning() == Sections.MaxNormMeaning.AS_TRAINED) return c;
        return c * trainedWeightScale(config.dropout(), layerIndex);
    }

    /**
     * The factor between the trained weights of layer {@code layerIndex} and the paper's unscaled ones:
     * the retain probability of the layer's input under inverted Bernoulli dropout, otherwise 1. A retain
     * probability of 0 (the layer's input is always zero, its weights get no gradient) keeps the factor 1.
     */
    public static double trainedWeightScale(Sections.Dropout dropout, int layerIndex) {
        double retain = layerIndex == 0 ? dropout.inputRetain() : dropout.hiddenRetain();
        boolean inverted = dropout.kind() == Sections.DropoutKind.BERNOULLI && dropout.scaling() == Scaling.INVERTED;
        return inverted && retain > 0 ? retain : 1.0;
    }

    /** The bound of every hidden layer, in order; empty without max-norm. */
    public static List<Double> perLayer(RunConfig config) {
        List<Double> bounds = new ArrayList<>();
        if (config.regularization().maxNorm() == null) return bounds;
        for (int layer = 0; layer < config.architecture().hiddenWidths().size(); layer++) bounds.add(forLayer(config, layer));
        return bounds;
    }
}
