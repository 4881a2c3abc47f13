package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.dropoutrepro.spec.Task;
import org.dropoutrepro.results.Manifest;

/**
 * Lists how an experiment's configurations differ from the paper's MNIST recipe (Appendix B.1 and the
 * authors' configs: MNIST 60,000/10,000 with 10,000 held out, about 1 million updates of batch 100,
 * 3x1024 ReLU, input/hidden retain 0.8/0.5, momentum ramping to 0.95-0.99, max-norm, N(0, 1/fan_in)).
 */
final class Deviations {

    private Deviations() {
    }

    static List<String> of(Manifest manifest) {
        List<Manifest.ConfigEntry> configs = manifest.configs();
        List<String> out = new ArrayList<>();
        if (manifest.task() == Task.REGRESSION) {
            out.add("Not one of the paper's experiments: " + manifest.dataNote() + ". The paper's MNIST recipe does not "
                    + "apply; the claim checked is the qualitative one of its Section 1 (dropout reduces overfitting).");
            return out;
        }
        String datasets = distinct(configs, c -> c.values().get("data.dataset"));
        if (!datasets.equals("mnist")) {
            out.add("Data: " + manifest.dataNote() + ". The paper used MNIST: 60,000 training images (10,000 held out for "
                    + "choosing hyperparameters, then retrained on all) and 10,000 test images.");
        } else if (configs.stream().anyMatch(c -> c.values().get("data.trainSize") != null)) {
            out.add("Data: a subset of MNIST's training set (" + manifest.dataNote() + ").");
        }
        String epochs = distinct(configs, c -> c.values().get("training.epochs"));
        out.add("Training length: " + epochs + " epochs of batch " + distinct(configs, c -> c.values().get("training.batchSize"))
                + "; the paper trained for about 1 million weight updates (about 1,700 epochs at batch 100), not to "
                + "convergence here, so absolute errors are higher than the paper's.");
        out.add("Hidden layers: " + distinct(configs, c -> c.values().get("architecture.hiddenWidths"))
                + (configs.stream().anyMatch(c -> Boolean.TRUE.equals(c.values().get("architecture.widenByRetain")))
                ? " (in some configurations widened to ceil(n / hidden retain probability) units)" : "")
                + (citesTable2(manifest) ? "; the paper's Table 2 rows use 3x1024 (dropout) and 2x800 (standard)." : "."));
        String momentum = distinct(configs, c -> c.values().get("optimizer.momentumType"));
        if (!momentum.equals("classical")) {
            out.add("Optimiser: " + momentum + " momentum" + "; the authors used classical momentum.");
        }
        out.add("Momentum ramps from " + distinct(configs, c -> c.values().get("optimizer.momentumInitial")) + " to "
                + distinct(configs, c -> c.values().get("optimizer.momentumFinal")) + " over "
                + distinct(configs, c -> c.values().get("optimizer.momentumRampEpochs")) + " epochs; learning rate "
                + distinct(configs, c -> c.values().get("optimizer.learningRate")) + " with decay "
                + distinct(configs, c -> c.values().get("optimizer.learningRateDecay")) + ". The authors' config: "
                + "momentum 0.5 to 0.99 over ~100,000 updates, learning rate 1.0 decayed as 1/(1 + t/10,000).");
        boolean inverted = configs.stream().anyMatch(c -> "bernoulli".equals(c.values().get("dropout.kind"))
                && "inverted".equals(c.values().get("dropout.scaling")));
        if (inverted) {
            boolean maxNorm = configs.stream().anyMatch(c -> c.values().get("regularization.maxNorm") != null);
            out.add("Inverted dropout scaling: a learning rate eta on the trained weights is a step eta / retain^2 on the paper's "
                    + "unscaled weights (1.56x at retain 0.8, 4x at 0.5), so the learning rates here are not the paper's" + (maxNorm
                    ? ". Max-norm's c is translated when it has the paper's meaning (see 'Max-norm' above); the learning rate never is."
                    : "; the learning rate is never translated."));
        }
        boolean dampened = configs.stream().anyMatch(c -> "classical".equals(c.values().get("optimizer.momentumType"))
                && Boolean.TRUE.equals(c.values().get("optimizer.dampening")));
        if (dampened) {
            out.add("Momentum dampening: the gradient is scaled by (1 - momentum), as Hinton et al. 2012; the authors' code has no such "
                    + "factor, so its steady-state step is 1 / (1 - momentum) times the one here at the same learning rate.");
        }
        if (configs.stream().anyMatch(c -> c.values().get("regularization.maxNorm") != null)) {
            out.add("Max-norm bounds the hidden layers only; the authors' config also bounds the hidden-to-output weights.");
        }
        String evaluation = distinct(configs, c -> c.values().get("evaluation.method"));
        if (!evaluation.equals("weight-scaling")) {
            out.add("Inference: " + evaluation + " (the paper's default is weight scaling).");
        }
        return out;
    }

    private static boolean citesTable2(Manifest manifest) {
        return manifest.paperSource() != null && manifest.paperSource().contains("Table 2");
    }

    /** The distinct values of a key across configurations, joined with " / ". */
    private static String distinct(List<Manifest.ConfigEntry> configs, Function<Manifest.ConfigEntry, Object> key) {
        Set<String> values = new LinkedHashSet<>();
        for (Manifest.ConfigEntry config : configs) values.add(String.valueOf(key.apply(config)));
        return String.join(" / ", values);
    }
}
