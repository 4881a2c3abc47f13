package org.dropoutrepro.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J output layer configuration (softmax with cross-entropy, or identity with squared error, as the paper's
 * networks end: Section 5) whose implementation ({@link DirectOutputLayerImpl}) writes its three matrix products in
 * place, as the hidden layers do ({@link ReusingDenseLayer}). The same fields, JSON, parameters and bits as DL4J's
 * OutputLayer.
 */
public class DirectOutputLayer extends OutputLayer {

    /** For JSON. */
    public DirectOutputLayer() {
    }

    /** This class with every setting of {@code built}, a layer made by DL4J's OutputLayer.Builder. */
    public static DirectOutputLayer of(OutputLayer built) {
        return LayerConfigs.copyAs(built, DirectOutputLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerConfigs.wire(new DirectOutputLayerImpl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }
}
