package org.dropoutrepro.dropout;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Backprop multiplies by the forward pass's noise and releases it; clones hold their own noise. */
class BackpropAndCloneTest {

    private static final INDArray ONES = Nd4j.ones(DataType.FLOAT, 16, 32);

    @Test
    void backpropUsesTheForwardMaskInPlaceAndReleasesIt() {
        for (SeededDropout dropout : new SeededDropout[]{BernoulliDropout.retain(0.6).withSeed(1, 2),
                GaussianDropout.retain(0.6).withSeed(1, 2)}) {
            // with unit input the forward output is the noise itself
            INDArray noise = DropoutTestSupport.apply(dropout, ONES, 4, 1);
            INDArray grad = Nd4j.rand(DataType.FLOAT, 16, 32);
            INDArray expected = grad.mul(noise);
            assertEquals(expected, dropout.backprop(grad, grad, 4, 1), "in-place backprop " + dropout);
            assertThrows(IllegalStateException.class, () -> dropout.backprop(grad, grad, 4, 1));
        }
    }

    @Test
    void clearReleasesTheMask() {
        BernoulliDropout dropout = BernoulliDropout.retain(0.5).withSeed(1, 0);
        DropoutTestSupport.apply(dropout, ONES, 0, 0);
        dropout.clear();
        assertThrows(IllegalStateException.class, () -> dropout.backprop(ONES.dup(), ONES.dup(), 0, 0));
    }

    @Test
    void clonesAreEqualButIndependent() {
        BernoulliDropout original = BernoulliDropout.retain(new ExponentialSchedule(ScheduleType.ITERATION, 0.9, 0.99))
                .withScaling(Scaling.TEST_TIME).withSeed(5, 1);
        BernoulliDropout clone = original.clone();
        assertNotSame(original, clone);
        assertEquals(original, clone);
        assertNotSame(original.getRetainSchedule(), clone.getRetainSchedule());

        INDArray originalMask = DropoutTestSupport.apply(original, ONES, 0, 0);
        INDArray cloneMask = DropoutTestSupport.apply(clone, ONES, 1, 0);
        assertNotEquals(originalMask, cloneMask);
        assertEquals(cloneMask, clone.backprop(ONES.dup(), ONES.dup(), 1, 0));
        assertEquals(originalMask, original.backprop(ONES.dup(), ONES.dup(), 0, 0));

        GaussianDropout gaussian = GaussianDropout.retain(0.5).withSeed(5, 1);
        GaussianDropout gaussianClone = gaussian.clone();
        DropoutTestSupport.apply(gaussianClone, ONES, 0, 0);
        assertThrows(IllegalStateException.class, () -> gaussian.backprop(ONES.dup(), ONES.dup(), 0, 0));
    }

    @Test
    void withMethodsCopyAndLeaveTheOriginal() {
        BernoulliDropout original = BernoulliDropout.retain(0.7);
        BernoulliDropout seeded = original.withSeed(3, 4);
        BernoulliDropout testTime = seeded.withScaling(Scaling.TEST_TIME);
        assertEquals(SeededDropout.UNSET_LAYER, original.getLayerIndex());
        assertEquals(Scaling.INVERTED, seeded.getScaling());
        assertEquals(3, testTime.getNetworkSeed());
        assertEquals(4, testTime.getLayerIndex());
        assertEquals(0.7, testTime.getRetainProbability());
    }
}
