package org.dropoutrepro.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.dropoutrepro.kernels.FloatKernels;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.common.primitives.Pair;

/**
 * The implementation of {@link ReusingDenseLayer}: in a training forward pass through a plain ReLU it
 * keeps a copy of the activations (in workspace memory of type INPUT, alive until backprop, like a
 * dropout mask), and the backward pass hands that copy to the ReLU's derivative in place of the
 * recomputed pre-activations. Any other activation, or a backward pass not preceded by this layer's own
 * training forward pass on the same input, takes DL4J's path.
 *
 * <p>The first layer of a network also skips the gradient with respect to the network's input, which
 * training never uses (MultiLayerNetwork discards it); its backward pass returns null there. So
 * {@code MultiLayerNetwork.backpropGradient}'s input gradient, an API for external errors that this
 * toolkit does not use, is null with these layers.
 *
 * <p>The three matrix products cost less here. Beta7's {@code mmuli} (the forward product into a c-order
 * array, the input gradient into a workspace array) computes into a freshly allocated and zeroed f-order array
 * and copies that over the destination, and every beta7 product, {@code Nd4j.gemm} too, goes through a
 * libnd4j custom operation. Here each product goes to OpenBLAS's {@code cblas_sgemm} directly, with the
 * operands where they lie ({@link DirectGemm}, through {@link DenseProducts}); the input gradient and the weight gradient are written in
 * place, the forward product into an f-order array (not zeroed), and the copy to c order and the bias are one
 * pass ({@code FloatKernels.copyAddingRow}). The numbers are the same to the bit (ReusingDenseLayerTest compares
 * whole trainings, at sizes where the BLAS runs threaded too; DirectGemmTest compares each product). Only for
 * a plain ReLU, the case measured; other activations take DL4J's path. Also applying the ReLU and writing the
 * copy kept for backprop in that pass was tried and measured about 5% slower per step, and so was dropped.
 *
 * <p>In the backward pass through a plain ReLU, its derivative and the bias gradient are one Java pass
 * ({@code FloatKernels.reluBackwardWithBiasGradient}) instead of two ND4J operations, with the same bits: ND4J's sum
 * along dimension 0 alone took about 300 us on [100 x 1024] floats, the one pass about 120 us.
 */
final class ReusingDenseLayerImpl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

    private INDArray forwardActivations;
    private INDArray forwardInput;
    private long reusedBackprops;
    private long directProducts;

    ReusingDenseLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean plainRelu() {
        return layerConf().getActivationFn() instanceof ActivationReLU relu
                && relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null
                && !layerConf().hasLayerNorm() && maskArray == null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray activations = super.activate(training, workspaceMgr);
        if (training && plainRelu()) {
            forwardActivations = workspaceMgr.dup(ArrayType.INPUT, activations);
            forwardInput = input;
        } else {
            forwardActivations = null;
        }
        return activations;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (forBackprop && forwardActivations != null && forwardInput == input) {
            INDArray reused = forwardActivations;
            forwardActivations = null;
            reusedBackprops++;
            return new Pair<>(reused, null);
        }
        if (!plainProducts()) return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        // BaseLayer.preOutputWithPreNorm, with the product written in place (see the class comment)
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray preActivations = DenseProducts.preActivations(input.castTo(dataType), getParam(DefaultParamInitializer.WEIGHT_KEY),
                hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, workspaceMgr);
        if (preActivations == null) return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr); // DL4J's error message
        directProducts++;
        return new Pair<>(preActivations, preActivations);
    }

    /** A plain ReLU, no weight noise, float parameters: the products may go to the BLAS directly. */
    private boolean plainProducts() {
        return ReusingDenseLayer.productsInPlace() && plainRelu() && layerConf().getWeightNoise() == null && dataType == DataType.FLOAT;
    }

    /**
     * BaseLayer.backpropGradient, with the input gradient written in place (see the class comment) and, in the
     * first layer, not computed at all.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        boolean firstLayer = getIndex() == 0 && maskArray == null && !layerConf().hasLayerNorm();
        if (!firstLayer && !plainProducts()) return super.backpropGradient(epsilon, workspaceMgr);
        assertInputSet(true);
        INDArray preActivations = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
        INDArray biasGradient = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray delta;
        if (plainRelu() && FloatKernels.reluBackwardWithBiasGradient(preActivations, epsilon, biasGradient)) {
            delta = preActivations; // the ReLU's derivative and the bias gradient in one pass, as ND4J's two operations give them
        } else {
            delta = layerConf().getActivationFn().backprop(preActivations, epsilon).getFirst();
            if (biasGradient != null) delta.sum(biasGradient, 0);
        }
        Gradient gradient = new DefaultGradient();
        if (biasGradient != null) gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray inputGradient = null;
        if (!firstLayer) { // so plainProducts()
            inputGradient = DenseProducts.inputGradient(getParam(DefaultParamInitializer.WEIGHT_KEY), delta, workspaceMgr);
        }
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        DenseProducts.weightGradient(input.castTo(weightGradient.dataType()), delta, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        if (inputGradient != null) return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
        if (layerConf().getIDropout() != null) layerConf().getIDropout().clear();
        return new Pair<>(gradient, null);
    }

    /** Backward passes that took the fast path, for tests. */
    long reusedBackprops() {
        return reusedBackprops;
    }

    /** Forward products written in place, for tests. */
    long directProducts() {
        return directProducts;
    }

    @Override
    public void clear() {
        super.clear();
        forwardActivations = null;
        forwardInput = null;
    }
}
