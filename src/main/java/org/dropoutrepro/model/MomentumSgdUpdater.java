package org.dropoutrepro.model;

import org.dropoutrepro.kernels.FloatKernels;
import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/** The state (velocity) and update rule of {@link MomentumSgd}; DL4J subtracts the returned update from the parameters. */
final class MomentumSgdUpdater implements GradientUpdater<MomentumSgd> {

    private static final String VELOCITY = "V";

    private final MomentumSgd config;
    private INDArray velocity;

    MomentumSgdUpdater(MomentumSgd config) {
        this.config = config;
    }

    @Override
    public MomentumSgd getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (!stateMap.containsKey(VELOCITY) || stateMap.size() != 1) {
            throw new IllegalStateException("expected updater state with the single key " + VELOCITY + ", got " + stateMap.keySet());
        }
        velocity = stateMap.get(VELOCITY);
        if (initialize) velocity.assign(0);
    }

    @Override
    public Map<String, INDArray> getState() {
        return Collections.singletonMap(VELOCITY, velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) viewArray.assign(0);
        velocity = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
        if (velocity == null) throw new IllegalStateException("could not reshape the updater state view");
    }

    /** The velocity of every parameter of this updater's block, flat; for the one-pass update ({@link FusedUpdate}). */
    INDArray velocity() {
        return velocity;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (FloatKernels.appliesTo(velocity, gradient)) {
            FloatKernels.momentum(velocity, gradient, config.ruleAt(iteration, epoch, 1));
            return;
        }
        double momentum = config.momentumAt(iteration, epoch);
        double learningRate = config.getLearningRate(iteration, epoch);
        if (config.isNesterov()) {
            // v' = m v - lr g; update to subtract = m v - (1 + m) v'
            INDArray previous = velocity.dup();
            velocity.muli(momentum).subi(gradient.muli(learningRate));
            gradient.assign(previous.muli(momentum).subi(velocity.mul(1 + momentum)));
        } else {
            double gradientScale = config.isDampening() ? (1 - momentum) * learningRate : learningRate;
            velocity.muli(momentum).addi(gradient.muli(gradientScale));
            gradient.assign(velocity);
        }
    }
}
