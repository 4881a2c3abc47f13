package org.dropoutrepro.train;

import java.util.BitSet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.data.Split;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.dropout.MonteCarloAverager;
import org.dropoutrepro.dropout.WeightScaling;
import org.dropoutrepro.spec.Sections;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures a network's error on a split with the configuration's inference method: weight scaling (the
 * paper's Section 4; a no-op for inverted dropout, a scaled copy for test-time scaling) or Monte-Carlo
 * averaging of k thinned networks (Figure 11). Classification error is the fraction misclassified;
 * regression error is the mean squared error.
 */
public final class Evaluator {

    private static final int BATCH = 1000;

    private final Sections.Evaluation evaluation;
    private final boolean testTimeScaling;
    private final Task task;

    public Evaluator(Sections.Evaluation evaluation, Sections.Dropout dropout, Task task) {
        this.evaluation = evaluation;
        this.testTimeScaling = dropout.kind() != Sections.DropoutKind.NONE
                && dropout.scaling() == org.dropoutrepro.dropout.Scaling.TEST_TIME;
        this.task = task;
    }

    /**
     * The network to measure errors with: a copy with its weights scaled by the retain probabilities for
     * test-time scaling under weight-scaling inference, else {@code net} itself. Take it once per evaluation
     * of several splits.
     */
    public MultiLayerNetwork inferenceModel(MultiLayerNetwork net) {
        return testTimeScaling && evaluation.method() == Sections.EvaluationMethod.WEIGHT_SCALING
                ? WeightScaling.scaledCopy(net) : net;
    }

    /** The error on {@code split} of {@code model}, a network from {@link #inferenceModel}. */
    public double error(MultiLayerNetwork model, Split split) {
        return score(model, split, null);
    }

    /** An error and, for classification, which examples were misclassified ({@code null} for regression). */
    public record Scored(double error, TestMistakes mistakes) {
    }

    /** As {@link #error}, keeping for classification which examples were misclassified (the same error to the bit). */
    public Scored score(MultiLayerNetwork model, Split split) {
        BitSet wrong = task == Task.CLASSIFICATION ? new BitSet(split.size()) : null;
        double error = score(model, split, wrong);
        return new Scored(error, wrong == null ? null : TestMistakes.of(wrong, split.size()));
    }

    private double score(MultiLayerNetwork model, Split split, BitSet wrong) {
        double total = 0;
        int rows = split.size();
        for (int from = 0; from < rows; from += BATCH) {
            int to = Math.min(rows, from + BATCH);
            INDArray features = split.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray labels = split.labels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray predicted = predict(model, features, from);
            total += task == Task.CLASSIFICATION ? misclassified(predicted, labels, wrong, from) : squaredError(predicted, labels);
        }
        return total / rows;
    }

    private INDArray predict(MultiLayerNetwork model, INDArray features, int offset) {
        if (evaluation.method() == Sections.EvaluationMethod.MONTE_CARLO) {
            return MonteCarloAverager.average(model, features, evaluation.mcSamples(), evaluation.mcSeed() + offset);
        }
        return model.output(features, false);
    }

    /** How many rows of the batch starting at row {@code offset} are misclassified; sets their bits in {@code wrong} if given. */
    private static double misclassified(INDArray predicted, INDArray labels, BitSet wrong, int offset) {
        INDArray predictedClass = predicted.argMax(1);
        INDArray trueClass = labels.argMax(1);
        INDArray misclassified = predictedClass.neq(trueClass).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        if (wrong != null) {
            float[] flags = misclassified.toFloatVector();
            for (int row = 0; row < flags.length; row++) if (flags[row] != 0) wrong.set(offset + row);
        }
        return misclassified.sumNumber().doubleValue();
    }

    private static double squaredError(INDArray predicted, INDArray labels) {
        double norm = predicted.sub(labels).norm2Number().doubleValue();
        return norm * norm;
    }
}
