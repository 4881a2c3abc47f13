package org.dropoutrepro.bench;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dropoutrepro.dropout.BernoulliDropout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Times one dropout forward ({@code applyDropout}) plus backward ({@code backprop}) on a [100, 1024] float array, for
 * this project's {@link BernoulliDropout} and DL4J's {@link Dropout}, both at retain probability 0.5, in one JVM run
 * (the dropout of Srivastava et al. 2014, Section 4, on one hidden layer of the paper's MNIST nets at batch 100).
 */
public final class DropoutOpBenchmark {

    /** Shape of the activations: batch 100, 1024 units. */
    public static final long[] SHAPE = {100, 1024};
    private static final double RETAIN_PROBABILITY = 0.5;

    /**
     * Medians in microseconds of one forward plus backward pass.
     *
     * @param oursMicros median time of {@link BernoulliDropout}
     * @param dl4jMicros median time of DL4J's {@link Dropout}
     * @param repeats    timed repeats of each (after as many warm-up repeats)
     */
    public record Result(double oursMicros, double dl4jMicros, int repeats) {
        /** DL4J time / our time: above 1 means ours is faster. */
        public double ratio() {
            return dl4jMicros / oursMicros;
        }

        @Override
        public String toString() {
            return String.format("dropout forward+backward on [%d, %d] float, retain %.1f, median of %d: "
                            + "ours %.1f us, DL4J Dropout %.1f us, ratio DL4J/ours %.2f",
                    SHAPE[0], SHAPE[1], RETAIN_PROBABILITY, repeats, oursMicros, dl4jMicros, ratio());
        }
    }

    private DropoutOpBenchmark() {
    }

    /** Runs {@code repeats} warm-up then {@code repeats} timed rounds; rounds alternate ours and DL4J's. */
    public static Result run(int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        IDropout ours = BernoulliDropout.retain(RETAIN_PROBABILITY).withSeed(1, 0);
        IDropout dl4j = new Dropout(RETAIN_PROBABILITY);
        INDArray input = Nd4j.rand(DataType.FLOAT, SHAPE);
        INDArray output = input.ulike();
        INDArray[] gradients = {Nd4j.rand(DataType.FLOAT, SHAPE), input.ulike()};
        for (int i = 0; i < repeats; i++) {
            time(ours, input, output, gradients, i);
            time(dl4j, input, output, gradients, i);
        }
        long[] oursNanos = new long[repeats];
        long[] dl4jNanos = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            oursNanos[i] = time(ours, input, output, gradients, i);
            dl4jNanos[i] = time(dl4j, input, output, gradients, i);
        }
        return new Result(medianMicros(oursNanos), medianMicros(dl4jNanos), repeats);
    }

    /** gradients[0] is dL/dOut, kept fixed; gradients[1] receives dL/dIn. */
    private static long time(IDropout dropout, INDArray input, INDArray output, INDArray[] gradients, int iteration) {
        LayerWorkspaceMgr workspaceMgr = LayerWorkspaceMgr.noWorkspaces();
        long start = System.nanoTime();
        dropout.applyDropout(input, output, iteration, 0, workspaceMgr);
        dropout.backprop(gradients[0], gradients[1], iteration, 0);
        return System.nanoTime() - start;
    }

    private static double medianMicros(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return median / 1000.0;
    }

    public static void main(String[] args) {
        System.out.println(run(200));
    }
}
