/**
 * Reproducible dropout for DL4J 1.0.0-beta7: the Bernoulli and Gaussian dropout of Srivastava et al. and the two
 * ways of using the trained network.
 *
 * <p>Paper: N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, "Dropout: A Simple Way to
 * Prevent Neural Networks from Overfitting", JMLR 15 (2014) 1929-1958. Section 4 (the model, training with masks,
 * test-time weight scaling): {@link org.dropoutrepro.dropout.BernoulliDropout},
 * {@link org.dropoutrepro.dropout.Scaling}, {@link org.dropoutrepro.dropout.WeightScaling}. Section 7.5 and Figure 11
 * (Monte-Carlo model averaging): {@link org.dropoutrepro.dropout.MonteCarloAverager}. Section 10 (multiplicative
 * Gaussian noise): {@link org.dropoutrepro.dropout.GaussianDropout}.
 *
 * <p>Naming. The paper's p is a RETAIN probability: a unit is kept with probability p. DL4J's {@code Dropout(p)} is
 * also a retain probability; PyTorch's {@code nn.Dropout(p)} and Keras' rate are DROP probabilities. No name in this
 * package is a bare p: it is {@code retainProbability} or {@code dropRate = 1 - retainProbability}, and the factories
 * say which ({@code BernoulliDropout.retain(0.8)} equals {@code BernoulliDropout.dropRate(0.2)}).
 *
 * <p>Deviations from the paper and from DL4J:
 * <ul>
 *   <li>Dropout sits on a layer's input, as in DL4J: the paper's "input p = 0.8, hidden p = 0.5" is retain 0.8 on the
 *       first layer and 0.5 on every later one, the output layer included.</li>
 *   <li>The default scaling is {@link org.dropoutrepro.dropout.Scaling#INVERTED} (scale by 1/p in training), equal in
 *       expectation to the paper's test-time scaling, which {@link org.dropoutrepro.dropout.Scaling#TEST_TIME}
 *       provides.</li>
 *   <li>Masks come from a counter-based generator seeded by (network seed, layer index, iteration, epoch), not from a
 *       global generator: training is bit-reproducible with several networks in parallel threads, and a mask is the
 *       same on every forward pass within one iteration. Each layer's instance must be seeded
 *       ({@code withSeed} or {@link org.dropoutrepro.dropout.DropoutConfigs#assignSeeds}); an unseeded one refuses
 *       to train rather than give every layer the same masks.</li>
 *   <li>Retain probability 0 is accepted by {@code BernoulliDropout} (all zeros, zero gradient); DL4J's
 *       {@code Dropout} rejects it.</li>
 *   <li>{@code GaussianDropout} takes the paper's retain probability, with variance (1 - p) / p; DL4J's own
 *       {@code GaussianDropout} rate behaves as a drop probability, contrary to its Javadoc.</li>
 *   <li>Only {@code MultiLayerNetwork} is supported by the inference helpers, not {@code ComputationGraph}.</li>
 * </ul>
 */
package org.dropoutrepro.dropout;
