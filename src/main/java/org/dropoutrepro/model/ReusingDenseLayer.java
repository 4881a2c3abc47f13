package org.dropoutrepro.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J dense layer configuration whose implementation ({@link ReusingDenseLayerImpl}) backpropagates
 * through a ReLU from the activations of the forward pass instead of recomputing the pre-activations:
 * DL4J beta7's dense layer runs its forward matrix product a second time in every backward pass. The
 * numbers are the same to the bit (ReLU'(z) is 1 exactly where relu(z) > 0); one matrix product per
 * layer and step is saved, and one more in the first layer, which skips the gradient with respect to the
 * network's input (training discards it). Same fields and JSON as DL4J's DenseLayer.
 */
public class ReusingDenseLayer extends DenseLayer {

    private static volatile boolean productsInPlace =
            Boolean.parseBoolean(System.getProperty("dropoutrepro.productsInPlace", "true"));

    /**
     * Whether the layers write their matrix products to the BLAS in place (the default; see
     * {@link ReusingDenseLayerImpl}), or through beta7's {@code mmuli}; the bench compares the two.
     */
    public static boolean productsInPlace() {
        return productsInPlace;
    }

    /** Switches the products in place on or off for this JVM; for comparisons and benchmarks. */
    public static void setProductsInPlace(boolean on) {
        productsInPlace = on;
    }

    /** For JSON. */
    public ReusingDenseLayer() {
    }

    /** This class with every setting of {@code built}, a layer made by DL4J's DenseLayer.Builder. */
    public static ReusingDenseLayer of(DenseLayer built) {
        return LayerConfigs.copyAs(built, ReusingDenseLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerConfigs.wire(new ReusingDenseLayerImpl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }
}
