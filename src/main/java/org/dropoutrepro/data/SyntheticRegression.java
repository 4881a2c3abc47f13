package org.dropoutrepro.data;

import org.dropoutrepro.spec.Task;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 1-D regression of seed article 002: y = 1.5 x + Gaussian noise, x evenly spaced in [-1, 1];
 * training targets have noise sd 0.5 and test targets sd 0.3. With 10 training points, a wide net
 * without dropout fits the noise, and one with dropout stays close to the line. Seeded, so every run
 * sees the same points.
 */
public final class SyntheticRegression {

    public static final double SLOPE = 1.5;
    public static final double TRAIN_NOISE_SD = 0.5;
    public static final double TEST_NOISE_SD = 0.3;
    /** Training points when the spec does not say (the seed article's 10). */
    public static final int DEFAULT_POINTS = 10;

    private SyntheticRegression() {
    }

    /** A training pool of {@code poolSize} points and a test set of {@code testSize} points. */
    public static RawData generate(int poolSize, int testSize, long seed) {
        Random random = new Random(seed);
        INDArray[] train = points(poolSize, TRAIN_NOISE_SD, random);
        INDArray[] test = points(testSize, TEST_NOISE_SD, random);
        return new RawData("synthetic-regression", Task.REGRESSION, train[0], train[1], test[0], test[1], List.of(),
                "synthetic-regression: y = 1.5x + N(0, 0.5^2) on " + poolSize + " training points in [-1, 1] (seed " + seed
                        + "), test noise 0.3");
    }

    private static INDArray[] points(int count, double noiseSd, Random random) {
        float[] x = new float[count];
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = count == 1 ? 0f : (float) (-1.0 + 2.0 * i / (count - 1));
            y[i] = (float) (SLOPE * x[i] + noiseSd * random.nextGaussian());
        }
        return new INDArray[] {Nd4j.create(x, new long[] {count, 1}, 'c'), Nd4j.create(y, new long[] {count, 1}, 'c')};
    }
}
