package org.dropoutrepro.model;

import org.dropoutrepro.kernels.FloatKernels;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;

/**
 * One minibatch step of stochastic gradient descent with max-norm (the paper's Section 5.1 and Appendix
 * A), as DL4J beta7's {@code MultiLayerNetwork.fit(DataSet)} does it, except for the parameter update. With
 * {@link MomentumSgd} and no regularization it is one pass over each parameter array ({@link FusedUpdate}).
 * Otherwise DL4J's updater runs, and then the weight step and the projection of each unit's incoming weights
 * are one pass over the weights ({@link FloatKernels}) instead of an axpy over all parameters followed by a
 * norm pass over every constrained matrix.
 *
 * <p>Forward and backward pass, updater and listeners are DL4J's own; the parameters come out as with
 * {@code fit} up to the order in which a column's squares are summed. One difference is visible to
 * listeners: their {@code iterationDone} sees the weights after the projection, where DL4J calls it
 * between the update and the projection. With {@link FloatKernels} switched off this is exactly
 * {@code net.fit(batch)}.
 */
public final class TrainingStep {

    private TrainingStep() {
    }

    /** Trains {@code net} on one minibatch. */
    public static void fit(MultiLayerNetwork net, DataSet batch) {
        if (!FloatKernels.enabled() || batch.getFeaturesMaskArray() != null || batch.getLabelsMaskArray() != null) {
            net.fit(batch);
            return;
        }
        int iteration = net.getIterationCount();
        int epoch = net.getEpochCount();
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        for (TrainingListener listener : net.getListeners()) listener.onGradientCalculation(net);
        Gradient gradient = net.gradient();
        if (!FusedUpdate.apply(net, gradient, iteration, epoch, batch.numExamples())) {
            net.getUpdater().update(net, gradient, iteration, epoch, batch.numExamples(), LayerWorkspaceMgr.noWorkspaces());
            for (int index = 0; index < net.getnLayers(); index++) {
                Layer layer = net.getLayer(index);
                for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                    INDArray update = gradient.getGradientFor(index + "_" + param.getKey());
                    step(param.getValue(), update, IncomingMaxNorm.on(layer, param.getKey()));
                }
            }
        }

        for (TrainingListener listener : net.getListeners()) listener.iterationDone(net, iteration, epoch);
        net.getLayerWiseConfigurations().setIterationCount(iteration + 1);
        for (int index = 0; index < net.getnLayers(); index++) {
            Layer layer = net.getLayer(index);
            for (LayerConstraint constraint : constraints(layer)) {
                if (!(constraint instanceof IncomingMaxNorm)) constraint.applyConstraint(layer, iteration + 1, epoch);
            }
            layer.setIterationCount(iteration + 1);
            layer.setEpochCount(epoch);
        }
        net.clearLayersStates();
    }

    private static void step(INDArray parameters, INDArray update, IncomingMaxNorm maxNorm) {
        if (maxNorm != null && FloatKernels.appliesToColumns(parameters) && FloatKernels.appliesToColumns(update)
                && parameters.equalShapes(update)) {
            FloatKernels.subtractAndProjectColumns(parameters, update, (float) maxNorm.getMaxNorm());
            return;
        }
        FloatKernels.subtract(parameters, update);
        if (maxNorm != null) maxNorm.project(parameters);
    }

    private static List<LayerConstraint> constraints(Layer layer) {
        List<LayerConstraint> constraints = layer.conf().getLayer().getConstraints();
        return constraints == null ? List.of() : constraints;
    }
}
