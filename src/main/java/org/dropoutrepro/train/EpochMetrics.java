package org.dropoutrepro.train;

import java.io.Serializable;

/**
 * One epoch of one run. {@code trainLoss} is the mean minibatch loss during the epoch (with dropout
 * noise, as the optimiser saw it); {@code trainError} and {@code validationError} are measured after the
 * epoch without dropout, with the configuration's inference method. Errors are fractions (0.012 = 1.2%)
 * for classification and mean squared errors for regression.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainError, Double validationError, double seconds)
        implements Serializable {
}
