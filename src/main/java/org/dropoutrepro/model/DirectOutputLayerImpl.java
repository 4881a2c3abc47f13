package org.dropoutrepro.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The implementation of {@link DirectOutputLayer}: beta7's OutputLayer with its matrix products handed to OpenBLAS
 * directly and written in place ({@link DenseProducts}), the forward product (computed twice a step by beta7: once in
 * the backward pass, once for the score) and the two backward ones, weight gradient and input gradient. The loss,
 * its gradient, the bias gradient and the dropout on the layer's input are DL4J's own calls, in DL4J's order
 * ({@code BaseOutputLayer.backpropGradient} and its private {@code getGradientsAndDelta}), so the bits are DL4J's
 * (DirectOutputLayerTest compares whole trainings). These products are small ([100 x 1024] x [1024 x 10] and its
 * transposes in the standard net, about a million multiply-adds each), too small for {@link SplitProducts} to split,
 * and stay threaded by OpenBLAS: on one thread OpenBLAS takes other kernels for them and the bits differ.
 *
 * <p>Weight noise, a mask, or a type other than float take DL4J's path, as do the products when
 * {@link ReusingDenseLayer#productsInPlace()} is off.
 */
final class DirectOutputLayerImpl extends org.deeplearning4j.nn.layers.OutputLayer {

    private long directForwards;
    private long directBackprops;

    DirectOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Float parameters, no weight noise and no mask: the products may go to the BLAS directly. */
    private boolean plainProducts() {
        return ReusingDenseLayer.productsInPlace() && layerConf().getWeightNoise() == null && dataType == DataType.FLOAT
                && maskArray == null;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (!plainProducts()) return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        // BaseLayer.preOutputWithPreNorm without layer norm (an output layer has none) and without a mask (checked above)
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray preActivations = DenseProducts.preActivations(input.castTo(dataType), getParam(DefaultParamInitializer.WEIGHT_KEY),
                hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, workspaceMgr);
        if (preActivations == null) return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr); // DL4J's error message
        directForwards++;
        return new Pair<>(preActivations, preActivations);
    }

    /** BaseOutputLayer.backpropGradient with getGradientsAndDelta inlined, the two products written in place. */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!plainProducts()) return super.backpropGradient(epsilon, workspaceMgr);
        assertInputSet(true);
        INDArray preOutput = preOutput2d(true, workspaceMgr);
        INDArray labels2d = getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = layerConf().getLossFn().computeGradient(labels2d, preOutput, layerConf().getActivationFn(), maskArray);
        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        DenseProducts.weightGradient(input.castTo(weightGradient.dataType()), delta, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        delta = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, delta);
        INDArray inputGradient = DenseProducts.inputGradient(getParam(DefaultParamInitializer.WEIGHT_KEY), delta, workspaceMgr);
        directBackprops++;
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    /** Forward products written in place, for tests. */
    long directForwards() {
        return directForwards;
    }

    /** Backward passes that wrote their products in place, for tests. */
    long directBackprops() {
        return directBackprops;
    }
}
