package org.dropoutrepro.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.dropoutrepro.kernels.FloatKernels;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.blas.BlasBufferUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * operands where they lie ({@link DirectGemm}); the input gradient and the weight gradient are written in
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
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray layerInput = input.castTo(dataType);
        if (layerInput.rank() != 2 || layerInput.columns() != weights.rows()) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr); // DL4J's own error message
        }
        // as beta7's mmuli: the product into an f-order array, then copied to the c-order one; here the array is
        // not zeroed first, and the copy and the bias are one pass
        INDArray preActivations = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(),
                layerInput.size(0), weights.size(1));
        INDArray product = Nd4j.createUninitialized(weights.dataType(), new long[] {layerInput.size(0), weights.size(1)}, 'f');
        product(layerInput.castTo(preActivations.dataType()), weights, product);
        FloatKernels.copyAddingRow(product, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, preActivations);
        directProducts++;
        return new Pair<>(preActivations, preActivations);
    }

    /** A plain ReLU, no weight noise, float parameters: the products may go to the BLAS directly. */
    private boolean plainProducts() {
        return ReusingDenseLayer.productsInPlace() && plainRelu() && layerConf().getWeightNoise() == null && dataType == DataType.FLOAT;
    }

    /**
     * {@code destination = left x right} into {@code destination} itself, which must be a dense f-order matrix:
     * straight to OpenBLAS ({@link DirectGemm}), or, for operands it does not take, through ND4J's product call.
     */
    private static void product(INDArray left, INDArray right, INDArray destination) {
        if (destination.ordering() != 'f' || destination.rank() != 2
                || destination.stride(0) != 1 || destination.stride(1) != destination.size(0)) {
            throw new IllegalStateException("product destination must be a dense f-order matrix: " + destination.shapeInfoToString());
        }
        if (DirectGemm.product(left, right, destination)) return;
        Nd4j.getBlasWrapper().level3().gemm('f', BlasBufferUtil.getCharForTranspose(left),
                BlasBufferUtil.getCharForTranspose(right), 1.0, left, right, 0.0, destination);
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
            INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray transposed = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {weights.size(0), delta.size(0)}, 'f');
            product(weights, delta.transpose(), transposed);
            inputGradient = transposed.transpose();
        }
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray layerInput = input.castTo(weightGradient.dataType());
        if (!ReusingDenseLayer.productsInPlace() || !DirectGemm.product(layerInput.transpose(), delta, weightGradient)) {
            Nd4j.gemm(layerInput, delta, weightGradient, true, false, 1.0, 0.0);
        }
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
