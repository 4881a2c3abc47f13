package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Multiplicative Gaussian noise (Srivastava et al. 2014, Section 10): each input unit is multiplied by
 * {@code r ~ N(1, sigma^2)} with {@code sigma^2 = (1 - retainProbability) / retainProbability}, the mean and variance
 * of Bernoulli(retainProbability)/retainProbability. No rescaling is needed at test time.
 *
 * <p>Differs from DL4J's {@code org.deeplearning4j.nn.conf.dropout.GaussianDropout}: its Javadoc calls its
 * {@code rate} a retain probability, but beta7 computes {@code sigma = sqrt(rate / (1 - rate))}, so its {@code rate}
 * behaves as a DROP probability. This class follows the paper and is built from a retain probability
 * ({@link #retain(double)}) or, equivalently, a drop rate ({@link #dropRate(double)}).
 *
 * <p>Retain probability 1 is the identity (sigma = 0); 0 is rejected, since the variance would be infinite.
 */
public final class GaussianDropout extends SeededDropout {

    @JsonCreator
    GaussianDropout(@JsonProperty("retainProbability") double retainProbability,
                    @JsonProperty("retainSchedule") ISchedule retainSchedule,
                    @JsonProperty("networkSeed") long networkSeed,
                    @JsonProperty("layerIndex") int layerIndex) {
        super(retainSchedule == null ? checkPositive(RetainProbability.checkRetain(retainProbability)) : Double.NaN,
                retainSchedule, networkSeed, layerIndex);
    }

    /** Noise variance (1 - retainProbability) / retainProbability, for retainProbability in (0, 1]. */
    public static GaussianDropout retain(double retainProbability) {
        return new GaussianDropout(retainProbability, null, 0L, UNSET_LAYER);
    }

    /** Noise variance dropRate / (1 - dropRate), for dropRate in [0, 1). */
    public static GaussianDropout dropRate(double dropRate) {
        return retain(RetainProbability.fromDropRate(dropRate));
    }

    /** Retain probability {@code retainSchedule.valueAt(iteration, epoch)}, which must stay in (0, 1]. */
    public static GaussianDropout retain(ISchedule retainSchedule) {
        return new GaussianDropout(Double.NaN, RetainProbability.checkNotNull(retainSchedule, "retainSchedule"),
                0L, UNSET_LAYER);
    }

    /** Drop rate {@code dropRateSchedule.valueAt(iteration, epoch)}, which must stay in [0, 1). */
    public static GaussianDropout dropRate(ISchedule dropRateSchedule) {
        return retain(new ComplementSchedule(dropRateSchedule));
    }

    /** The standard deviation of the noise for a retain probability: sqrt((1 - retainProbability) / retainProbability). */
    public static double noiseStandardDeviation(double retainProbability) {
        return Math.sqrt((1.0 - retainProbability) / retainProbability);
    }

    @Override
    public GaussianDropout withSeed(long networkSeed, int layerIndex) {
        return new GaussianDropout(getRetainProbability(), cloneSchedule(), networkSeed, checkLayerIndex(layerIndex));
    }

    @Override
    INDArray drawNoise(LayerWorkspaceMgr workspaceMgr, INDArray like, long seed, double retainProbability) {
        checkPositive(retainProbability);
        return CounterMasks.gaussian(workspaceMgr, like, seed, 1.0, noiseStandardDeviation(retainProbability));
    }

    @Override
    public GaussianDropout clone() {
        return new GaussianDropout(getRetainProbability(), cloneSchedule(), getNetworkSeed(), getLayerIndex());
    }

    @Override
    public String toString() {
        return "GaussianDropout(" + describeConfiguration() + ")";
    }

    private static double checkPositive(double retainProbability) {
        if (retainProbability == 0.0) {
            throw new IllegalArgumentException("GaussianDropout needs retainProbability > 0 (dropRate < 1): the noise "
                    + "variance (1 - retainProbability) / retainProbability is infinite at retainProbability 0, got "
                    + retainProbability);
        }
        return retainProbability;
    }
}
