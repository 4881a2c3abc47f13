package org.dropoutrepro.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dropoutrepro.runtime.OperationThreads;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Turns a resolved {@link RunConfig} into a DL4J network configuration built as the paper builds its
 * feed-forward nets (Appendix A and B.1):
 * <ul>
 * <li>input dropout on the first layer's input, hidden dropout on the input of every later layer, the
 * output layer included (DL4J applies dropout to a layer's input);</li>
 * <li>max-norm on each hidden unit's incoming weight vector ({@link IncomingMaxNorm}), at the bound
 * {@link MaxNormBound} gives for the paper's c;</li>
 * <li>optional n/p widening: hidden width = ceil(n / hidden retain probability) (A.1);</li>
 * <li>classical or Nesterov momentum ramped linearly over epochs, learning rate decayed as the authors'
 * configs (A.2); weights N(0, 1/fan_in) by default, as the authors' configs.</li>
 * </ul>
 * Deviation: max-norm is not applied to the output layer (the paper bounds hidden units). Hidden layers are
 * {@link ReusingDenseLayer}s unless {@code architecture.reuseActivations} is off: the same numbers, faster.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /** The network for one run: {@code seed} drives initialisation and the dropout masks. */
    public static MultiLayerConfiguration build(RunConfig config, long seed, int inputSize, int outputSize, Task task) {
        OperationThreads.ensureConfigured();
        Sections.Dropout dropout = config.dropout();
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater(config.optimizer()))
                .weightInit(weightInit(config.architecture().weightInit()))
                .activation(activation(config.architecture().activation()));
        if (config.regularization().l2() > 0) global.l2(config.regularization().l2());
        NeuralNetConfiguration.ListBuilder layers = global.list();
        List<Integer> widths = hiddenWidths(config);
        int previous = inputSize;
        for (int index = 0; index < widths.size(); index++) {
            double retain = index == 0 ? dropout.inputRetain() : dropout.hiddenRetain();
            DenseLayer.Builder dense = new DenseLayer.Builder().nIn(previous).nOut(widths.get(index));
            IDropout layerDropout = DropoutFactory.forLayer(dropout, retain, seed, index);
            if (layerDropout != null) dense.dropOut(layerDropout);
            Double bound = MaxNormBound.forLayer(config, index);
            if (bound != null) dense.constrainWeights(maxNorm(config.regularization().maxNormImplementation(), bound));
            DenseLayer built = dense.build();
            layers.layer(config.architecture().reuseActivations() ? ReusingDenseLayer.of(built) : built);
            previous = widths.get(index);
        }
        int outputIndex = widths.size();
        boolean classification = task == Task.CLASSIFICATION;
        OutputLayer.Builder output = new OutputLayer.Builder(classification
                ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.MSE)
                .activation(classification ? Activation.SOFTMAX : Activation.IDENTITY)
                .nIn(previous).nOut(outputSize);
        IDropout outputDropout = DropoutFactory.forLayer(dropout,
                outputIndex == 0 ? dropout.inputRetain() : dropout.hiddenRetain(), seed, outputIndex);
        if (outputDropout != null) output.dropOut(outputDropout);
        OutputLayer builtOutput = output.build();
        layers.layer(config.architecture().reuseActivations() ? DirectOutputLayer.of(builtOutput) : builtOutput);
        return layers.build();
    }

    /** Hidden widths after n/p widening (when on): ceil(n / hidden retain probability). */
    public static List<Integer> hiddenWidths(RunConfig config) {
        List<Integer> widths = new ArrayList<>();
        for (int width : config.architecture().hiddenWidths()) {
            widths.add(config.architecture().widenByRetain() ? widen(width, config.dropout().hiddenRetain()) : width);
        }
        return widths;
    }

    /** ceil(n / retainProbability), robust to the representation error of the division (1024 / 0.8 = 1280). */
    public static int widen(int width, double retainProbability) {
        double exact = width / retainProbability;
        double nearest = Math.rint(exact);
        return (int) (Math.abs(exact - nearest) < 1e-9 * exact ? nearest : Math.ceil(exact));
    }

    /**
     * Ours, or DL4J's MaxNormConstraint over dimension 0 (each unit's incoming weights; its Javadoc's dimension 1 is
     * wrong here), at {@code bound} on the trained weights ({@link MaxNormBound}).
     */
    private static LayerConstraint maxNorm(Sections.Implementation implementation, double bound) {
        return implementation == Sections.Implementation.OURS ? new IncomingMaxNorm(bound) : new MaxNormConstraint(bound, 0);
    }

    static IUpdater updater(Sections.Optimizer optimizer) {
        ISchedule learningRate = switch (optimizer.learningRateDecay()) {
            case NONE -> new FixedSchedule(optimizer.learningRate());
            case INVERSE -> new InverseSchedule(ScheduleType.ITERATION, optimizer.learningRate(),
                    optimizer.learningRateDecayRate(), 1.0);
            case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.EPOCH, optimizer.learningRate(),
                    optimizer.learningRateDecayRate());
        };
        ISchedule momentum = new LinearRampSchedule(ScheduleType.EPOCH, optimizer.momentumInitial(),
                optimizer.momentumFinal(), optimizer.momentumRampEpochs());
        return switch (optimizer.momentumType()) {
            case CLASSICAL -> new MomentumSgd(learningRate, momentum, false, optimizer.dampening());
            case NESTEROV -> new MomentumSgd(learningRate, momentum, true, false);
            case NONE -> new Sgd(learningRate);
        };
    }

    private static WeightInit weightInit(String name) {
        return switch (name) {
            case "xavier" -> WeightInit.XAVIER;
            case "relu" -> WeightInit.RELU;
            default -> WeightInit.NORMAL;
        };
    }

    private static Activation activation(String name) {
        return switch (name) {
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            default -> Activation.RELU;
        };
    }
}
