package org.dropoutrepro.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * What this toolkit's layer configurations ({@link ReusingDenseLayer}, {@link DirectOutputLayer}) share: each is a
 * DL4J configuration class with another implementation, copied from the layer DL4J's builder made and instantiated
 * as DL4J's own configuration classes instantiate theirs.
 */
final class LayerConfigs {

    private LayerConfigs() {
    }

    /** {@code built} with every setting kept, as an instance of {@code target} (a subclass of its class): through its JSON. */
    static <T extends Layer> T copyAs(Layer built, Class<T> target) {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode tree = mapper.valueToTree(built);
        tree.put("@class", target.getName());
        try {
            return target.cast(mapper.treeToValue(tree, Layer.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot copy the " + built.getClass().getSimpleName() + " configuration", e);
        }
    }

    /** {@code layer}, a new implementation, wired as DL4J's configurations wire theirs: listeners, index, parameters, configuration. */
    static <L extends BaseLayer<?>> L wire(L layer, ParamInitializer initializer, NeuralNetConfiguration conf,
                                           Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
                                           boolean initializeParams) {
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer.init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }
}
