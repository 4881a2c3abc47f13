package org.dropoutrepro.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
