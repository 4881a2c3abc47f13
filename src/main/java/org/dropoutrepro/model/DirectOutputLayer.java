package org.dropoutrepro.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

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
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode tree = mapper.valueToTree(built);
        tree.put("@class", DirectOutputLayer.class.getName());
        try {
            return (DirectOutputLayer) mapper.treeToValue(tree, org.deeplearning4j.nn.conf.layers.Layer.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot copy the output layer configuration", e);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        DirectOutputLayerImpl layer = new DirectOutputLayerImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }
}
