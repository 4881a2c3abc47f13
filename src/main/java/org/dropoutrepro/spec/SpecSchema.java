package org.dropoutrepro.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key a run configuration has, with its default and allowed range: the one place where the
 * meaning of a spec key is written down (README's key table is printed from it by
 * {@code ./dropout run --keys}). Defaults follow the paper's MNIST recipe (Appendix A and B.1) where it
 * gives one.
 */
public final class SpecSchema {

    private static final Map<String, SpecKey> KEYS = new LinkedHashMap<>();

    static {
        add(SpecKey.choice("data.dataset", "mnist-10k",
                List.of("mnist", "fashion-mnist", "mnist-10k", "synthetic-regression", "csv", "image-folder"),
                "data set; see 'Data sets' below"));
        add(SpecKey.string("data.dir", "directory of IDX files for mnist/fashion-mnist (--data-dir overrides); image-folder: "
                + "the folder of class subfolders"));
        add(SpecKey.integer("data.validationSize", 10000, 0, 1_000_000, false,
                "examples held out of the training data for validation (the paper held out 10,000)"));
        add(SpecKey.integer("data.trainSize", null, 1, 1_000_000, true,
                "training examples used after the hold-out; null = all that remain"));
        add(SpecKey.integer("data.testSize", null, 1, 1_000_000, true,
                "test examples used for the final evaluation; null = the whole test set"));
        add(SpecKey.integer("data.splitSeed", 0, 0, Integer.MAX_VALUE, false,
                "seed of the validation hold-out and subsets (fixed across run seeds)"));
        add(SpecKey.string("data.path", "csv: the CSV file (relative paths from the current directory)"));
        add(SpecKey.string("data.testPath", "csv: a CSV test set; null = testFraction of data.path"));
        add(SpecKey.string("data.testDir", "image-folder: a folder of test images by class; null = testFraction of data.dir"));
        add(SpecKey.number("data.testFraction", 0.2, 0.01, 0.9, false,
                "csv, image-folder without a given test set: fraction held out as the test set, stratified by class, seeded by splitSeed"));
        add(SpecKey.choice("data.task", "classification", List.of("classification", "regression"),
                "csv: classification (the label is a class index or a string) or regression (a numeric target)"));
        add(SpecKey.integer("data.labelColumn", -1, -1_000_000, 1_000_000, false,
                "csv: the label's column, from 0; negative counts from the end (-1 = the last)"));
        add(SpecKey.choice("data.header", "auto", List.of("auto", "true", "false"),
                "csv: whether the first line is a header; auto = yes when none of its fields is a number"));
        add(SpecKey.string("data.delimiter", "csv: the field delimiter, one character; null = ','"));
        add(SpecKey.integer("data.height", null, 1, 10_000, true, "image-folder: images resized to this height; null = the first image's"));
        add(SpecKey.integer("data.width", null, 1, 10_000, true, "image-folder: images resized to this width; null = the first image's"));
        add(SpecKey.integer("data.channels", null, 1, 3, true,
                "image-folder: 1 (grayscale) or 3 (colour); null = the first image's (colour images are kept in colour)"));
        add(SpecKey.choice("data.onBadFile", "error", List.of("error", "skip"),
                "image-folder: a truncated or non-image file is an error, or skipped with a warning naming it"));
        add(SpecKey.choice("data.normalize", "none", List.of("none", "standardize", "minmax"),
                "features scaled by ND4J's NormalizerStandardize or NormalizerMinMaxScaler, fitted on the training split only"));

        add(SpecKey.intList("architecture.hiddenWidths", List.of(1024, 1024, 1024), 1,
                "hidden layer widths n, before widening to ceil(n / hiddenRetain)"));
        add(SpecKey.choice("architecture.activation", "relu", List.of("relu", "sigmoid", "tanh"),
                "hidden activation"));
        add(SpecKey.bool("architecture.widenByRetain", false,
                "n/p widening (A.1): hidden width = ceil(n / hiddenRetain)"));
        add(SpecKey.bool("architecture.reuseActivations", true,
                "backprop through ReLU from the forward activations (ReusingDenseLayer) instead of recomputing the "
                        + "pre-activations as DL4J does, and every layer's products handed to OpenBLAS in place (the output "
                        + "layer's too: DirectOutputLayer): same numbers, one matrix product fewer per layer and step; false "
                        + "keeps every layer DL4J's own"));
        add(SpecKey.choice("architecture.weightInit", "normal", List.of("normal", "xavier", "relu"),
                "normal = N(0, 1/fan_in) as the authors' configs; xavier; relu = He"));

        add(SpecKey.choice("dropout.kind", "bernoulli", List.of("none", "bernoulli", "gaussian"),
                "none, Bernoulli masks (the paper), or multiplicative Gaussian noise N(1, (1 - retain)/retain) (Section 10)"));
        add(SpecKey.choice("dropout.implementation", "ours", List.of("ours", "dl4j"),
                "ours = org.dropoutrepro.dropout; dl4j = DL4J's built-in Dropout/GaussianDropout"));
        add(SpecKey.number("dropout.inputRetain", 0.8, 0.0, 1.0, false,
                "RETAIN probability of input units (A.4: 0.8 for real-valued inputs)"));
        add(SpecKey.number("dropout.hiddenRetain", 0.5, 0.0, 1.0, false,
                "RETAIN probability of hidden units (A.4: 0.5-0.8)"));
        add(SpecKey.choice("dropout.scaling", "inverted", List.of("inverted", "test-time"),
                "inverted = kept units scaled by 1/retain in training; test-time = weights scaled by retain at inference (Section 4; ours only)"));

        add(SpecKey.choice("optimizer.momentumType", "classical", List.of("classical", "nesterov", "none"),
                "classical momentum (the authors' code), Nesterov (DL4J's Nesterovs), or plain SGD"));
        add(SpecKey.positive("optimizer.learningRate", 0.1, 1000.0, false, "initial learning rate"));
        add(SpecKey.choice("optimizer.learningRateDecay", "none", List.of("none", "inverse", "exponential"),
                "inverse: lr/(1 + rate*iteration) (authors' config: rate 1e-4); exponential: lr*rate^epoch (arXiv 2012: 0.998)"));
        add(SpecKey.number("optimizer.learningRateDecayRate", 0.0, 0.0, 1000.0, false,
                "the rate of learningRateDecay (see above)"));
        add(SpecKey.number("optimizer.momentumInitial", 0.5, 0.0, 0.999999, false, "momentum at epoch 0"));
        add(SpecKey.number("optimizer.momentumFinal", 0.95, 0.0, 0.999999, false,
                "momentum after the ramp (A.2: 0.95-0.99)"));
        add(SpecKey.integer("optimizer.momentumRampEpochs", 10, 0, 100_000, false,
                "epochs over which momentum rises linearly from initial to final"));
        add(SpecKey.bool("optimizer.dampening", true,
                "classical momentum only: scale the gradient by (1 - momentum), as Hinton et al. 2012"));

        add(SpecKey.positive("regularization.maxNorm", null, Double.MAX_VALUE, true,
                "max-norm c on each hidden unit's INCOMING weight vector (A.3); null = none"));
        add(SpecKey.choice("regularization.maxNormImplementation", "ours", List.of("ours", "dl4j"),
                "ours = IncomingMaxNorm (one pass); dl4j = DL4J's MaxNormConstraint over dimension 0"));
        add(SpecKey.choice("regularization.maxNormMeaning", "paper", List.of("paper", "as-trained"),
                "what c bounds. paper = the weights of the paper's network, trained unscaled and scaled by the retain "
                        + "probability at test time (Section 4): with inverted dropout a layer's trained weights are "
                        + "bounded at c x the retain probability of its input, with test-time scaling at c; as-trained = the "
                        + "weights as trained, whatever the scaling (what results recorded without this key mean)"));
        add(SpecKey.number("regularization.l2", 0.0, 0.0, 10.0, false, "L2 weight decay coefficient; 0 = none"));

        add(SpecKey.integer("training.batchSize", 100, 1, 1_000_000, false, "minibatch size"));
        add(SpecKey.integer("training.epochs", 10, 1, 1_000_000, false, "training epochs"));
        add(SpecKey.seeds("training.seeds", List.of(1, 2, 3),
                "a count N (seeds 1..N) or a list; each seed drives initialisation, shuffling and masks"));
        add(SpecKey.integer("training.trainErrorSubset", 10000, 1, 1_000_000, false,
                "training examples on which the per-epoch training error is measured (without dropout)"));

        add(SpecKey.choice("evaluation.method", "weight-scaling", List.of("weight-scaling", "monte-carlo"),
                "weight scaling (Section 4) or Monte-Carlo averaging of thinned nets (Figure 11)"));
        add(SpecKey.integer("evaluation.mcSamples", 50, 1, 100_000, false, "Monte-Carlo: forward passes k"));
        add(SpecKey.integer("evaluation.mcSeed", 1234, 0, Integer.MAX_VALUE, false, "Monte-Carlo: seed of the masks"));
    }

    private SpecSchema() {
    }

    private static void add(SpecKey key) {
        KEYS.put(key.path(), key);
    }

    /** The key at a dotted path, or null. */
    public static SpecKey key(String path) {
        return KEYS.get(path);
    }

    /** All keys in documentation order. */
    public static Iterable<SpecKey> keys() {
        return KEYS.values();
    }

    /** The section names (the part of a path before the dot). */
    /** Rejects {@code path}, found at {@code where}, unless it is a spec key. */
    static void requireKnown(String path, String where) {
        if (key(path) == null) {
            throw new SpecException(where, path, "unknown key; see the key table in README.md or './dropout run --keys'");
        }
    }

    public static boolean isSection(String name) {
        return KEYS.keySet().stream().anyMatch(path -> path.startsWith(name + "."));
    }

    /** A Markdown table of every key, its default and what it allows. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| key | default | allowed | meaning |\n| --- | --- | --- | --- |\n");
        for (SpecKey key : KEYS.values()) {
            out.append("| `").append(key.path()).append("` | ").append(key.defaultValue() == null ? "null" : key.defaultValue())
                    .append(" | ").append(key.allowed()).append(" | ").append(key.doc()).append(" |\n");
        }
        return out.toString();
    }
}
