package org.dropoutrepro.model;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.dropoutrepro.dropout.BernoulliDropout;
import org.dropoutrepro.dropout.GaussianDropout;
import org.dropoutrepro.spec.Sections;

/**
 * The IDropout for one layer's input, from the spec's dropout section: ours (the default) or DL4J's
 * built-in one, Bernoulli or Gaussian. A retain probability of 1 gives no dropout at all.
 */
final class DropoutFactory {

    private DropoutFactory() {
    }

    /** Dropout on the input of layer {@code layerIndex} of a network seeded with {@code networkSeed}, or null. */
    static IDropout forLayer(Sections.Dropout spec, double retainProbability, long networkSeed, int layerIndex) {
        if (spec.kind() == Sections.DropoutKind.NONE || retainProbability == 1.0) return null;
        boolean ours = spec.implementation() == Sections.Implementation.OURS;
        if (spec.kind() == Sections.DropoutKind.BERNOULLI) {
            return ours
                    ? BernoulliDropout.retain(retainProbability).withScaling(spec.scaling()).withSeed(networkSeed, layerIndex)
                    : new Dropout(retainProbability);
        }
        // DL4J's GaussianDropout takes sigma = sqrt(rate / (1 - rate)): its rate is a DROP probability.
        return ours
                ? GaussianDropout.retain(retainProbability).withSeed(networkSeed, layerIndex)
                : new org.deeplearning4j.nn.conf.dropout.GaussianDropout(1.0 - retainProbability);
    }
}
