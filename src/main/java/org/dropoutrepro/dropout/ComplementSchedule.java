package org.dropoutrepro.dropout;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A retain-probability schedule given as a drop-rate schedule: its value is {@code 1 - dropRateSchedule.valueAt(...)}.
 * Lets {@link BernoulliDropout#dropRate(ISchedule)} keep the schedule the user wrote, visibly, in the JSON.
 */
public final class ComplementSchedule implements ISchedule {

    @JsonProperty("dropRateSchedule")
    private final ISchedule dropRateSchedule;

    @JsonCreator
    public ComplementSchedule(@JsonProperty("dropRateSchedule") ISchedule dropRateSchedule) {
        this.dropRateSchedule = RetainProbability.checkNotNull(dropRateSchedule, "dropRateSchedule");
    }

    public ISchedule getDropRateSchedule() {
        return dropRateSchedule;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return 1.0 - dropRateSchedule.valueAt(iteration, epoch);
    }

    @Override
    public ISchedule clone() {
        return new ComplementSchedule(dropRateSchedule.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComplementSchedule other && dropRateSchedule.equals(other.dropRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ComplementSchedule.class, dropRateSchedule);
    }

    @Override
    public String toString() {
        return "ComplementSchedule(1 - " + dropRateSchedule + ")";
    }
}
