package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * The paper's dropout (Srivastava et al. 2014, Section 4, Equations in Section 4 and Figure 2): each input unit of a
 * layer is kept with probability {@code retainProbability} and set to zero otherwise, independently per example and
 * per unit, during training only.
 *
 * <p>Created through factories that say what the number means: {@code BernoulliDropout.retain(0.8)} and
 * {@code BernoulliDropout.dropRate(0.2)} are the same configuration. Retain probability 1 is the identity; 0 zeroes
 * the input and its gradient (DL4J's {@code Dropout} rejects 0).
 *
 * <p>Scaling ({@link Scaling}): {@link Scaling#INVERTED} (default) multiplies kept units by 1/retainProbability in
 * training; {@link Scaling#TEST_TIME} is the paper's scheme, unscaled in training and weight-scaled at test time with
 * {@link WeightScaling#scaledCopy}.
 *
 * <p>Masks: see {@link SeededDropout} for how they are seeded, and {@code CounterMasks} for why they are computed by a
 * Java counter-based generator (faster than ND4J's random ops here, and reproducible by construction).
 */
public final class BernoulliDropout extends SeededDropout {

    @JsonProperty("scaling")
    private final Scaling scaling;

    @JsonCreator
    BernoulliDropout(@JsonProperty("retainProbability") double retainProbability,
                     @JsonProperty("retainSchedule") ISchedule retainSchedule,
                     @JsonProperty("scaling") Scaling scaling,
                     @JsonProperty("networkSeed") long networkSeed,
                     @JsonProperty("layerIndex") int layerIndex) {
        super(retainSchedule == null ? RetainProbability.checkRetain(retainProbability) : Double.NaN,
                retainSchedule, networkSeed, layerIndex);
        this.scaling = scaling == null ? Scaling.INVERTED : scaling;
    }

    /** Keeps each unit with probability {@code retainProbability} in [0, 1] (the paper's p). */
    public static BernoulliDropout retain(double retainProbability) {
        return new BernoulliDropout(retainProbability, null, Scaling.INVERTED, 0L, UNSET_LAYER);
    }

    /** Drops each unit with probability {@code dropRate} in [0, 1] (PyTorch's p); retain probability 1 - dropRate. */
    public static BernoulliDropout dropRate(double dropRate) {
        return retain(RetainProbability.fromDropRate(dropRate));
    }

    /** Keeps each unit with probability {@code retainSchedule.valueAt(iteration, epoch)}. */
    public static BernoulliDropout retain(ISchedule retainSchedule) {
        return new BernoulliDropout(Double.NaN, RetainProbability.checkNotNull(retainSchedule, "retainSchedule"),
                Scaling.INVERTED, 0L, UNSET_LAYER);
    }

    /** Drops each unit with probability {@code dropRateSchedule.valueAt(iteration, epoch)}. */
    public static BernoulliDropout dropRate(ISchedule dropRateSchedule) {
        return retain(new ComplementSchedule(dropRateSchedule));
    }

    /** A copy using {@code scaling}. */
    public BernoulliDropout withScaling(Scaling scaling) {
        return new BernoulliDropout(getRetainProbability(), cloneSchedule(),
                RetainProbability.checkNotNull(scaling, "scaling"), getNetworkSeed(), getLayerIndex());
    }

    @Override
    public BernoulliDropout withSeed(long networkSeed, int layerIndex) {
        return new BernoulliDropout(getRetainProbability(), cloneSchedule(), scaling, networkSeed,
                checkLayerIndex(layerIndex));
    }

    public Scaling getScaling() {
        return scaling;
    }

    @Override
    INDArray drawNoise(LayerWorkspaceMgr workspaceMgr, INDArray like, long seed, double retainProbability) {
        double keptValue = scaling == Scaling.INVERTED && retainProbability > 0 ? 1.0 / retainProbability : 1.0;
        return CounterMasks.bernoulli(workspaceMgr, like, seed, retainProbability, keptValue);
    }

    @Override
    public BernoulliDropout clone() {
        return new BernoulliDropout(getRetainProbability(), cloneSchedule(), scaling, getNetworkSeed(), getLayerIndex());
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && scaling == ((BernoulliDropout) o).scaling;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), scaling);
    }

    @Override
    public String toString() {
        return "BernoulliDropout(" + describeConfiguration() + ", scaling=" + scaling + ")";
    }
}
