package org.dropoutrepro.dropout;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Validation of retain probabilities and drop rates, with messages that say which of the two a bad value was meant
 * to be (the paper's p is a retain probability, Section 2; a drop rate is {@code 1 - retainProbability}).
 */
final class RetainProbability {

    private RetainProbability() {
    }

    /** Returns {@code retainProbability} if it lies in [0, 1]; otherwise throws, naming the value. */
    static double checkRetain(double retainProbability) {
        if (!(retainProbability >= 0.0 && retainProbability <= 1.0)) {
            throw new IllegalArgumentException("retainProbability must be in [0, 1] (the probability of KEEPING a unit), got "
                    + retainProbability);
        }
        return retainProbability;
    }

    /** Returns {@code 1 - dropRate} if {@code dropRate} lies in [0, 1]; otherwise throws, naming the value. */
    static double fromDropRate(double dropRate) {
        if (!(dropRate >= 0.0 && dropRate <= 1.0)) {
            throw new IllegalArgumentException("dropRate must be in [0, 1] (the probability of DROPPING a unit), got "
                    + dropRate);
        }
        return 1.0 - dropRate;
    }

    /** The schedule's value at (iteration, epoch), checked like a fixed retain probability. */
    static double at(ISchedule retainSchedule, int iteration, int epoch) {
        double value = retainSchedule.valueAt(iteration, epoch);
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("retainProbability schedule " + retainSchedule + " gave " + value
                    + " at iteration " + iteration + ", epoch " + epoch + "; it must be in [0, 1]");
        }
        return value;
    }

    static <T> T checkNotNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
