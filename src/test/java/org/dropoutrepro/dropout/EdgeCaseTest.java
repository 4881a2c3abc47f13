package org.dropoutrepro.dropout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 003's edge cases: drop rate 0 and 1, and rejected values with messages that name them. */
class EdgeCaseTest {

    private final INDArray input = Nd4j.rand(DataType.FLOAT, 8, 16).addi(0.1);

    @Test
    void dropRateZeroIsTheIdentity() {
        for (SeededDropout dropout : new SeededDropout[]{BernoulliDropout.dropRate(0).withSeed(1, 0),
                BernoulliDropout.dropRate(0).withScaling(Scaling.TEST_TIME).withSeed(1, 0),
                GaussianDropout.dropRate(0).withSeed(1, 0)}) {
            assertEquals(input, DropoutTestSupport.apply(dropout, input, 0, 0), dropout.toString());
            INDArray grad = Nd4j.rand(DataType.FLOAT, 8, 16);
            assertEquals(grad, dropout.backprop(grad, grad.ulike(), 0, 0), dropout.toString());
        }
    }

    @Test
    void dropRateOneGivesZerosAndZeroGradient() {
        for (BernoulliDropout dropout : new BernoulliDropout[]{BernoulliDropout.dropRate(1).withSeed(1, 0),
                BernoulliDropout.retain(0).withScaling(Scaling.TEST_TIME).withSeed(1, 0)}) {
            INDArray out = DropoutTestSupport.apply(dropout, input, 0, 0);
            assertEquals(Nd4j.zeros(DataType.FLOAT, 8, 16), out);
            assertTrue(out.isInfinite().castTo(DataType.INT).sumNumber().intValue() == 0
                    && out.isNaN().castTo(DataType.INT).sumNumber().intValue() == 0);
            INDArray grad = Nd4j.rand(DataType.FLOAT, 8, 16);
            assertEquals(Nd4j.zeros(DataType.FLOAT, 8, 16), dropout.backprop(grad, grad, 0, 0));
        }
    }

    @Test
    void outOfRangeValuesAreRejectedWithTheirName() {
        for (double bad : new double[]{-0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertMessage(() -> BernoulliDropout.retain(bad), "retainProbability", bad);
            assertMessage(() -> BernoulliDropout.dropRate(bad), "dropRate", bad);
            assertMessage(() -> GaussianDropout.retain(bad), "retainProbability", bad);
            assertMessage(() -> GaussianDropout.dropRate(bad), "dropRate", bad);
        }
    }

    @Test
    void gaussianRejectsRetainZero() {
        assertMessage(() -> GaussianDropout.retain(0), "retainProbability > 0", 0.0);
        assertMessage(() -> GaussianDropout.dropRate(1), "retainProbability > 0", 0.0);
    }

    @Test
    void scheduleValueOutOfRangeIsRejectedWhenUsed() {
        BernoulliDropout dropout = BernoulliDropout.retain(
                new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.5, 10, 1.25))).withSeed(1, 0);
        DropoutTestSupport.apply(dropout, input, 9, 0);
        assertMessage(() -> DropoutTestSupport.apply(dropout, input, 10, 0), "retainProbability schedule", 1.25);
    }

    @Test
    void unseededDropoutRefusesToTrain() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DropoutTestSupport.apply(BernoulliDropout.retain(0.5), input, 0, 0));
        assertTrue(e.getMessage().contains("withSeed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BernoulliDropout.retain(0.5).withSeed(1, -1));
    }

    @Test
    void nullArgumentsAreRejected() {
        assertMessage(() -> BernoulliDropout.retain(0.5).withScaling(null), "scaling", null);
        assertMessage(() -> BernoulliDropout.dropRate((MapSchedule) null), "dropRateSchedule", null);
        assertMessage(() -> GaussianDropout.retain((MapSchedule) null), "retainSchedule", null);
    }

    private static void assertMessage(Executable executable, String name, Double value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(name), e.getMessage());
        if (value != null) {
            assertTrue(e.getMessage().contains(String.valueOf(value)), e.getMessage());
        }
    }
}
