package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The median rule (Optuna's MedianPruner) on hand-made curves. */
class MedianPrunerTest {

    private final MedianPruner pruner = new MedianPruner(new SearchSpec.Pruning(true, 2, 3));

    @Test
    void prunesWhenTheBestSoFarIsAboveTheMedianOfTheOthersAtTheSameEpoch() {
        // others at epoch 2: 0.30, 0.40, 0.50 -> median 0.40
        List<Double> others = List.of(0.50, 0.30, 0.40);
        MedianPruner.Decision worse = pruner.decide(List.of(0.60, 0.45), 2, others);
        assertTrue(worse.prune());
        assertEquals(0.40, worse.median(), 0);
        assertEquals(0.45, worse.best(), 0);
        // the best so far counts, not the last value: 0.35 at epoch 1 is below the median
        assertFalse(pruner.decide(List.of(0.35, 0.45), 2, others).prune());
        // equal to the median is not worse
        assertFalse(pruner.decide(List.of(0.40, 0.41), 2, others).prune());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        List<Double> others = List.of(0.1, 0.2, 0.3, 0.4);
        assertEquals(0.25, pruner.decide(List.of(0.9, 0.9), 2, others).median(), 1e-15);
        assertTrue(pruner.decide(List.of(0.9, 0.26), 2, others).prune());
        assertFalse(pruner.decide(List.of(0.9, 0.24), 2, others).prune());
    }

    @Test
    void neverBeforeTheStartEpochNorWithTooFewOthers() {
        assertFalse(pruner.decide(List.of(0.9), 1, List.of(0.1, 0.1, 0.1)).prune(), "epoch 1 < startEpoch 2");
        assertFalse(pruner.decide(List.of(0.9, 0.9), 2, List.of(0.1, 0.1)).prune(), "2 others < startupTrials 3");
        assertFalse(pruner.decide(List.of(0.9, 0.9), 2, Arrays.asList(0.1, 0.1, null, Double.NaN)).prune(),
                "missing and NaN values do not count");
        assertFalse(new MedianPruner(SearchSpec.Pruning.NONE).decide(List.of(0.9, 0.9), 2, List.of(0.1, 0.1, 0.1, 0.1, 0.1)).prune());
    }

    @Test
    void aNaNBestIsPruned() {
        assertTrue(pruner.decide(Arrays.asList(Double.NaN, Double.NaN), 2, List.of(0.1, 0.2, 0.3)).prune());
    }
}
