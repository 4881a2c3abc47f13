package org.dropoutrepro.dropout;

/**
 * Where the factor that keeps expected activations unchanged is applied (Srivastava et al. 2014, Section 4).
 */
public enum Scaling {
    /**
     * Kept units are multiplied by {@code 1 / retainProbability} during training; the network is used unchanged at
     * test time. Equivalent in expectation to the paper's scheme, and the default (it is also what DL4J's
     * {@code Dropout} does).
     */
    INVERTED,
    /**
     * The paper's scheme (Section 4, Figure 2): no scaling during training ({@code y = x * mask}); at test time the
     * outgoing weights of a unit retained with probability {@code retainProbability} are multiplied by it. Use
     * {@link WeightScaling#scaledCopy} to obtain the network for inference.
     */
    TEST_TIME
}
