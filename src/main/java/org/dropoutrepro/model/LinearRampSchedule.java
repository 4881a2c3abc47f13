package org.dropoutrepro.model;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A value that rises (or falls) linearly from {@code initialValue} to {@code finalValue} over
 * {@code rampLength} iterations or epochs, then stays: the momentum ramp of Hinton et al. (2012) and of
 * the Dropout paper's Appendix A.2 (momentum 0.5 rising to 0.95-0.99). DL4J beta7's own RampSchedule
 * does not deserialize from JSON, so this one is ours.
 */
public final class LinearRampSchedule implements ISchedule {

    private final ScheduleType scheduleType;
    private final double initialValue;
    private final double finalValue;
    private final int rampLength;

    public LinearRampSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                              @JsonProperty("initialValue") double initialValue,
                              @JsonProperty("finalValue") double finalValue,
                              @JsonProperty("rampLength") int rampLength) {
        if (rampLength < 0) throw new IllegalArgumentException("rampLength must be >= 0, got " + rampLength);
        this.scheduleType = Objects.requireNonNull(scheduleType, "scheduleType");
        this.initialValue = initialValue;
        this.finalValue = finalValue;
        this.rampLength = rampLength;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        int step = scheduleType == ScheduleType.ITERATION ? iteration : epoch;
        if (step >= rampLength) return finalValue;
        return initialValue + (finalValue - initialValue) * step / rampLength;
    }

    @Override
    public ISchedule clone() {
        return new LinearRampSchedule(scheduleType, initialValue, finalValue, rampLength);
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public double getInitialValue() {
        return initialValue;
    }

    public double getFinalValue() {
        return finalValue;
    }

    public int getRampLength() {
        return rampLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearRampSchedule that && scheduleType == that.scheduleType
                && initialValue == that.initialValue && finalValue == that.finalValue && rampLength == that.rampLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, finalValue, rampLength);
    }
}
