package org.dropoutrepro.model;

import org.dropoutrepro.kernels.FloatKernels;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Max-norm regularisation (the paper's Section 5.1 and Appendix A.3): after every update, each unit's
 * vector of INCOMING weights is projected onto the ball of radius {@code maxNorm}. A dense layer's W is
 * [nIn, nOut], so a unit's incoming weights are a column and the norm is taken over dimension 0.
 *
 * <p>Differs from DL4J beta7's {@code MaxNormConstraint} in that it applies once per update (DL4J's
 * applies twice), adds nothing to the norm (DL4J adds 1e-6, which shrinks every column slightly), and
 * skips the rescaling pass when no column exceeds the bound. Float weights stored column after column
 * (DL4J's layout) take a one-pass Java kernel ({@link FloatKernels}).
 */
public final class IncomingMaxNorm implements LayerConstraint {

    private final double maxNorm;
    private Set<String> params = new HashSet<>();

    public IncomingMaxNorm(@JsonProperty("maxNorm") double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        this.maxNorm = maxNorm;
    }

    @Override
    public void applyConstraint(Layer layer, int iteration, int epoch) {
        for (String param : params) {
            INDArray weights = layer.getParam(param);
            if (weights != null) project(weights);
        }
    }

    /** Scales in place every column of {@code weights} whose L2 norm exceeds the bound back onto it. */
    public void project(INDArray weights) {
        if (FloatKernels.appliesToColumns(weights)) {
            FloatKernels.subtractAndProjectColumns(weights, null, (float) maxNorm);
            return;
        }
        INDArray norms = weights.norm2(0);
        if (norms.maxNumber().doubleValue() <= maxNorm) return;
        INDArray factors = Transforms.max(norms, maxNorm, false).rdivi(maxNorm);
        weights.muliRowVector(factors);
    }

    /** The IncomingMaxNorm among {@code layer}'s constraints that bounds its parameter {@code param}, or null. */
    static IncomingMaxNorm on(Layer layer, String param) {
        List<LayerConstraint> constraints = layer.conf().getLayer().getConstraints();
        if (constraints == null) return null;
        for (LayerConstraint constraint : constraints) {
            if (constraint instanceof IncomingMaxNorm ours && ours.params.contains(param)) return ours;
        }
        return null;
    }

    public double getMaxNorm() {
        return maxNorm;
    }

    @Override
    public void setParams(Set<String> params) {
        this.params = new HashSet<>(params);
    }

    @Override
    public Set<String> getParams() {
        return params;
    }

    @Override
    public IncomingMaxNorm clone() {
        IncomingMaxNorm copy = new IncomingMaxNorm(maxNorm);
        copy.setParams(params);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncomingMaxNorm that && maxNorm == that.maxNorm && params.equals(that.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxNorm, params);
    }
}
