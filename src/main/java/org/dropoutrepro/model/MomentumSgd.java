package org.dropoutrepro.model;

import org.dropoutrepro.kernels.MomentumRule;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Stochastic gradient descent with classical or Nesterov momentum, both following DL4J schedules for
 * the learning rate and the momentum: the optimiser of the Dropout paper's Appendix A.2 and B.1.
 * DL4J beta7 has Nesterov momentum only, and its Nesterovs does not carry a momentum schedule through
 * JSON; this updater does both.
 *
 * <p>Classical momentum: {@code v = m*v + s*lr*g; params -= v}, where {@code s = 1 - m} with
 * {@code dampening} (Hinton et al. 2012, arXiv:1207.0580, Appendix A) and {@code s = 1} without.
 * Nesterov momentum as DL4J's Nesterovs: {@code v' = m*v - lr*g; params += m*v' ... } (Sutskever et al. 2013).
 */
public final class MomentumSgd implements IUpdater {

    private ISchedule learningRateSchedule;
    private final ISchedule momentumSchedule;
    private final boolean nesterov;
    private final boolean dampening;

    public MomentumSgd(@JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                       @JsonProperty("momentumSchedule") ISchedule momentumSchedule,
                       @JsonProperty("nesterov") boolean nesterov,
                       @JsonProperty("dampening") boolean dampening) {
        this.learningRateSchedule = Objects.requireNonNull(learningRateSchedule, "learningRateSchedule");
        this.momentumSchedule = Objects.requireNonNull(momentumSchedule, "momentumSchedule");
        this.nesterov = nesterov;
        this.dampening = dampening;
    }

    /** The step at this iteration and epoch with its schedules evaluated, for the one-pass kernels. */
    public MomentumRule ruleAt(int iteration, int epoch, int minibatchSize) {
        double momentum = momentumAt(iteration, epoch);
        double learningRate = getLearningRate(iteration, epoch);
        double gradientScale = dampening ? (1 - momentum) * learningRate : learningRate;
        return new MomentumRule(nesterov, minibatchSize, (float) momentum, (float) learningRate,
                (float) gradientScale, (float) (1 + momentum));
    }

    public double momentumAt(int iteration, int epoch) {
        return momentumSchedule.valueAt(iteration, epoch);
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        MomentumSgdUpdater updater = new MomentumSgdUpdater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        MomentumSgdUpdater updater = new MomentumSgdUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public MomentumSgd clone() {
        return new MomentumSgd(learningRateSchedule.clone(), momentumSchedule.clone(), nesterov, dampening);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule.valueAt(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double learningRate, ISchedule schedule) {
        this.learningRateSchedule = schedule != null ? schedule
                : new org.nd4j.linalg.schedule.FixedSchedule(learningRate);
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public ISchedule getMomentumSchedule() {
        return momentumSchedule;
    }

    public boolean isNesterov() {
        return nesterov;
    }

    public boolean isDampening() {
        return dampening;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MomentumSgd that && nesterov == that.nesterov && dampening == that.dampening
                && learningRateSchedule.equals(that.learningRateSchedule) && momentumSchedule.equals(that.momentumSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRateSchedule, momentumSchedule, nesterov, dampening);
    }
}
