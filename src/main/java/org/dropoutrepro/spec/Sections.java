package org.dropoutrepro.spec;

import java.util.List;
import java.util.Locale;

/** The typed sections of a {@link RunConfig}; the keys and their meanings are in {@link SpecSchema}. */
public final class Sections {

    private Sections() {
    }

    /** Turns a spec choice ("test-time") into an enum constant name ("TEST_TIME"). */
    static <E extends Enum<E>> E choice(Class<E> type, Object value) {
        return Enum.valueOf(type, ((String) value).toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The data section; the keys after {@code splitSeed} belong to the DataVec sources (csv, image-folder). */
    public record Data(String dataset, String dir, int validationSize, Integer trainSize, Integer testSize,
                       int splitSeed, String path, String testPath, String testDir, double testFraction, Task task,
                       int labelColumn, String header, String delimiter, Integer height, Integer width, Integer channels,
                       String onBadFile, String normalize) {
    }

    public record Architecture(List<Integer> hiddenWidths, String activation, boolean widenByRetain,
                               boolean reuseActivations, String weightInit) {
    }

    public enum DropoutKind { NONE, BERNOULLI, GAUSSIAN }

    public enum Implementation { OURS, DL4J }

    public record Dropout(DropoutKind kind, Implementation implementation, double inputRetain,
                          double hiddenRetain, org.dropoutrepro.dropout.Scaling scaling) {
    }

    public enum MomentumType { CLASSICAL, NESTEROV, NONE }

    public enum Decay { NONE, INVERSE, EXPONENTIAL }

    public record Optimizer(MomentumType momentumType, double learningRate, Decay learningRateDecay,
                            double learningRateDecayRate, double momentumInitial, double momentumFinal,
                            int momentumRampEpochs, boolean dampening) {
    }

    /** What {@code regularization.maxNorm} bounds: the paper's unscaled weights, or the weights as trained. */
    public enum MaxNormMeaning { PAPER, AS_TRAINED }

    public record Regularization(Double maxNorm, Implementation maxNormImplementation, MaxNormMeaning maxNormMeaning,
                                 double l2) {
    }

    public record Training(int batchSize, int epochs, List<Integer> seeds, int trainErrorSubset) {
    }

    public enum EvaluationMethod { WEIGHT_SCALING, MONTE_CARLO }

    public record Evaluation(EvaluationMethod method, int mcSamples, int mcSeed) {
    }
}
