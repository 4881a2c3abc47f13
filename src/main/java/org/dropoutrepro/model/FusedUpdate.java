package org.dropoutrepro.model;

import org.dropoutrepro.kernels.MomentumRule;
import org.dropoutrepro.kernels.FloatKernels;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The parameter update of one training step, momentum SGD (Appendix A.2) and the max-norm projection of
 * each unit's incoming weights (Section 5.1), in one pass over each parameter array: read the weights, the
 * gradient and the velocity, write the weights and the velocity ({@link MomentumRule}, {@link FloatKernels}).
 * DL4J's updater and step take four passes (divide by the minibatch size, momentum, subtract, project),
 * each over memory that no longer fits in cache.
 *
 * <p>It applies when every parameter is updated by {@link MomentumSgd}, divided by the minibatch size, and
 * has no regularization and no gradient normalization; otherwise nothing is done and the caller takes
 * DL4J's updater. The parameters and velocities come out as from DL4J's updater followed by the weight step
 * and {@link IncomingMaxNorm}. One difference: the gradient view keeps the gradient summed over the
 * minibatch, where DL4J's updater leaves the update in it.
 */
final class FusedUpdate {

    private FusedUpdate() {
    }

    /** Updates every parameter of {@code net} if the network qualifies (see the class comment); says whether it did. */
    static boolean apply(MultiLayerNetwork net, Gradient gradient, int iteration, int epoch, int minibatchSize) {
        if (!(net.getUpdater() instanceof BaseMultiLayerUpdater<?> updater) || !net.conf().isMiniBatch()
                || gradient.gradient() != net.getFlattenedGradients()) {
            return false;
        }
        List<UpdaterBlock> blocks = updater.getUpdaterBlocks();
        for (UpdaterBlock block : blocks) {
            if (!qualifies(block)) return false;
        }
        for (UpdaterBlock block : blocks) {
            MomentumSgdUpdater momentum = (MomentumSgdUpdater) block.getGradientUpdater();
            MomentumRule rule = momentum.getConfig().ruleAt(iteration, epoch, minibatchSize);
            for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
                INDArray velocity = momentum.velocity().get(NDArrayIndex.point(0), NDArrayIndex.interval(
                        param.getParamOffsetStart() - block.getParamOffsetStart(),
                        param.getParamOffsetEnd() - block.getParamOffsetStart()));
                update(param, gradient, velocity, rule);
            }
        }
        return true;
    }

    private static boolean qualifies(UpdaterBlock block) {
        if (!(block.getGradientUpdater() instanceof MomentumSgdUpdater momentum) || momentum.velocity() == null
                || momentum.velocity().rank() != 2 || momentum.velocity().size(0) != 1
                || !FloatKernels.appliesTo(momentum.velocity())) {
            return false;
        }
        for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
            Trainable layer = param.getLayer();
            TrainingConfig config = layer.getConfig();
            List<Regularization> regularization = config.getRegularizationByParam(param.getParamName());
            if (!(layer instanceof Layer) || !layer.updaterDivideByMinibatch(param.getParamName())
                    || (regularization != null && !regularization.isEmpty())
                    || (config.getGradientNormalization() != null && config.getGradientNormalization() != GradientNormalization.None)
                    || !FloatKernels.appliesTo(param.getParamView(), param.getGradView())) {
                return false;
            }
        }
        return true;
    }

    private static void update(UpdaterBlock.ParamState param, Gradient gradient, INDArray velocity, MomentumRule rule) {
        Layer layer = (Layer) param.getLayer();
        IncomingMaxNorm maxNorm = IncomingMaxNorm.on(layer, param.getParamName());
        INDArray weights = layer.getParam(param.getParamName());
        INDArray gradientMatrix = gradient.getGradientFor(layer.getIndex() + "_" + param.getParamName());
        if (maxNorm != null && FloatKernels.appliesToColumns(weights) && FloatKernels.appliesToColumns(gradientMatrix)
                && weights.offset() == param.getParamView().offset() && gradientMatrix.offset() == param.getGradView().offset()) {
            // the matrices are the flat views stored column after column, as the velocity is
            FloatKernels.momentumStepAndProjectColumns(weights, gradientMatrix, velocity, rule, (float) maxNorm.getMaxNorm());
            return;
        }
        FloatKernels.momentumStep(param.getParamView(), param.getGradView(), velocity, rule);
        if (maxNorm != null) maxNorm.project(weights);
    }
}
