package org.dropoutrepro.kernels;

/**
 * One step of classical or Nesterov momentum SGD (the paper's Appendix A.2) with its schedules evaluated, in float as the
 * one-pass kernels apply it. DL4J does the same step in passes: divide the summed gradient by the minibatch
 * size, update the velocity, subtract the update from the weights; {@link #step} does all three per element,
 * with the same float operations in the same order.
 *
 * @param nesterov        Nesterov's momentum, as DL4J's Nesterovs; else classical momentum
 * @param minibatchSize   what the summed gradient is divided by (1: already an average)
 * @param momentum        the momentum at this iteration and epoch
 * @param learningRate    the learning rate at this iteration and epoch
 * @param gradientScale   classical: the gradient's factor in the velocity, {@code (1 - momentum) * learningRate}
 *                        with dampening, else the learning rate
 * @param momentumPlusOne Nesterov: {@code 1 + momentum}
 */
public record MomentumRule(boolean nesterov, float minibatchSize, float momentum, float learningRate, float gradientScale,
                    float momentumPlusOne) {

    /**
     * The momentum update of {@code v[i]} and {@code g[i]} for {@code i < length}, as DL4J's updaters do it on an
     * averaged gradient: {@code v} takes the new velocity and {@code g} the update to subtract from the weights.
     */
    public void update(float[] v, float[] g, int length) {
        if (nesterov) {
            // v' = m v - lr g; update = m v - (1 + m) v'
            for (int i = 0; i < length; i++) {
                float previous = v[i] * momentum;
                float next = previous - g[i] * learningRate;
                v[i] = next;
                g[i] = previous - next * momentumPlusOne;
            }
        } else {
            for (int i = 0; i < length; i++) {
                float next = v[i] * momentum + g[i] * gradientScale;
                v[i] = next;
                g[i] = next;
            }
        }
    }

    /**
     * The whole step on {@code w[i]}, {@code g[i]} (the gradient summed over the minibatch) and {@code v[i]} for
     * {@code i < length}: divide by the minibatch size, {@link #update}, subtract. {@code v} and {@code w} take their
     * values after the step; {@code g} is overwritten (callers pass a scratch copy).
     */
    public void step(float[] w, float[] g, float[] v, int length) {
        for (int i = 0; i < length; i++) g[i] /= minibatchSize;
        update(v, g, length);
        for (int i = 0; i < length; i++) w[i] -= g[i];
    }
}
