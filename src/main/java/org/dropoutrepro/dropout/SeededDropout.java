package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dropoutrepro.kernels.FloatKernels;
import org.nd4j.common.base.Preconditions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Multiplicative noise on a layer's input whose every draw is reproducible (Srivastava et al. 2014, Section 4 for
 * the Bernoulli case, Section 10 for the Gaussian one): the noise of layer {@code layerIndex} of network
 * {@code networkSeed} at (iteration, epoch) comes from {@link SeedMixer#maskSeed} and nothing else, so it is the same
 * whether one network trains or several train at once in parallel threads, and the same on every forward pass at one
 * iteration (which also holds the noise fixed for a gradient check).
 *
 * <p>Forward: {@code output = input * noise}; backprop: {@code gradAtInput = gradAtOutput * noise}, with the noise
 * drawn in the forward pass (allocated through the workspace manager as {@code ArrayType.INPUT}, released by
 * {@link #backprop} and {@link #clear}).
 *
 * <p>Configuration ({@code retainProbability} or {@code retainSchedule}, {@code networkSeed}, {@code layerIndex}, and
 * subclass fields) is immutable: {@code with...} methods return copies. An instance still holds the noise between
 * forward and backward pass, so one instance belongs to one layer of one network; {@link #clone()} gives an
 * independent one. Two networks built from one DL4J configuration object share its dropout instances: use
 * {@link DropoutConfigs#independentCopy} to give each network its own.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties({"noise"})
public abstract class SeededDropout implements IDropout {

    /** The layer index of an instance that has not been given a seed yet. */
    public static final int UNSET_LAYER = -1;

    /** Fixed retain probability, or NaN when {@link #retainSchedule} is set. */
    @JsonProperty("retainProbability")
    private final double retainProbability;
    @JsonProperty("retainSchedule")
    private final ISchedule retainSchedule;
    @JsonProperty("networkSeed")
    private final long networkSeed;
    @JsonProperty("layerIndex")
    private final int layerIndex;

    private transient INDArray noise;

    SeededDropout(double retainProbability, ISchedule retainSchedule, long networkSeed, int layerIndex) {
        this.retainProbability = retainProbability;
        this.retainSchedule = retainSchedule;
        this.networkSeed = networkSeed;
        this.layerIndex = layerIndex;
    }

    /** A copy of this configuration for layer {@code layerIndex} of the network seeded with {@code networkSeed}. */
    public abstract SeededDropout withSeed(long networkSeed, int layerIndex);

    /** The noise to multiply by: same shape as {@code like}, allocated through {@code workspaceMgr} as INPUT. */
    abstract INDArray drawNoise(LayerWorkspaceMgr workspaceMgr, INDArray like, long seed, double retainProbability);

    /** The retain probability in force at (iteration, epoch): the fixed value, or the schedule's value there. */
    public double retainProbabilityAt(int iteration, int epoch) {
        return retainSchedule == null ? retainProbability : RetainProbability.at(retainSchedule, iteration, epoch);
    }

    /** The fixed retain probability, NaN if a schedule is used. */
    public double getRetainProbability() {
        return retainProbability;
    }

    /** The retain-probability schedule, null if the retain probability is fixed. */
    public ISchedule getRetainSchedule() {
        return retainSchedule;
    }

    public long getNetworkSeed() {
        return networkSeed;
    }

    /** The index of the layer this instance belongs to, or {@link #UNSET_LAYER}. */
    public int getLayerIndex() {
        return layerIndex;
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray resultArray, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        Preconditions.checkState(resultArray.dataType().isFPType(),
                "Output array must be a floating point type, got %s", resultArray.dataType());
        if (layerIndex == UNSET_LAYER) {
            throw new IllegalStateException(this + " has no seed: configure it with withSeed(networkSeed, layerIndex)"
                    + " or DropoutConfigs.assignSeeds(configuration, networkSeed) before training");
        }
        double retain = retainProbabilityAt(iteration, epoch);
        long seed = SeedMixer.maskSeed(networkSeed, layerIndex, iteration, epoch);
        noise = drawNoise(workspaceMgr, resultArray, seed, retain);
        INDArray input = inputActivations.dataType() == resultArray.dataType()
                ? inputActivations : inputActivations.castTo(resultArray.dataType());
        FloatKernels.multiply(input, noise, resultArray);
        return resultArray;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        Preconditions.checkState(noise != null, "Cannot backprop through %s: no forward pass since the last backprop "
                + "or clear()", this);
        INDArray n = noise.dataType() == gradAtInput.dataType() ? noise : noise.castTo(gradAtInput.dataType());
        FloatKernels.multiply(gradAtOutput, n, gradAtInput);
        noise = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        noise = null;
    }

    @Override
    public abstract SeededDropout clone();

    static int checkLayerIndex(int layerIndex) {
        if (layerIndex < 0) {
            throw new IllegalArgumentException("layerIndex must be >= 0, got " + layerIndex);
        }
        return layerIndex;
    }

    ISchedule cloneSchedule() {
        return retainSchedule == null ? null : retainSchedule.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        SeededDropout other = (SeededDropout) o;
        return Double.compare(retainProbability, other.retainProbability) == 0
                && Objects.equals(retainSchedule, other.retainSchedule)
                && networkSeed == other.networkSeed
                && layerIndex == other.layerIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), retainProbability, retainSchedule, networkSeed, layerIndex);
    }

    String describeConfiguration() {
        String retain = retainSchedule == null ? "retainProbability=" + retainProbability
                : "retainSchedule=" + retainSchedule;
        return retain + ", networkSeed=" + networkSeed + ", layerIndex=" + layerIndex;
    }
}
