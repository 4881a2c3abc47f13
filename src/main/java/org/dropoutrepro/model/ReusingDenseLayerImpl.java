package org.dropoutrepro.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationReLU;
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
 */
final class ReusingDenseLayerImpl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

    private INDArray forwardActivations;
    private INDArray forwardInput;
    private long reusedBackprops;

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
        return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (getIndex() != 0 || maskArray != null || layerConf().hasLayerNorm()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray preActivations = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
        INDArray delta = layerConf().getActivationFn().backprop(preActivations, epsilon).getFirst();
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        if (layerConf().getIDropout() != null) layerConf().getIDropout().clear();
        return new Pair<>(gradient, null);
    }

    /** Backward passes that took the fast path, for tests. */
    long reusedBackprops() {
        return reusedBackprops;
    }

    @Override
    public void clear() {
        super.clear();
        forwardActivations = null;
        forwardInput = null;
    }
}
