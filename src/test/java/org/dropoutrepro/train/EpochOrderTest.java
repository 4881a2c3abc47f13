package org.dropoutrepro.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.dropoutrepro.data.Permutation;
import org.dropoutrepro.dropout.SeedMixer;
import org.junit.jupiter.api.Test;

/** The epoch order is the one runs were recorded with (one generator, drawn epoch after epoch), also when asked for a later epoch first. */
class EpochOrderTest {

    @Test
    void permutationsEqualOneGeneratorDrawnEpochAfterEpochAndALaterEpochReplaysTheOnesBefore() {
        int seed = 7;
        int size = 1003; // not a power of two: nextInt rejects some draws, so epochs consume different amounts
        Random recorded = new Random(seed * SeedMixer.GOLDEN_GAMMA + 1);
        int[][] expected = new int[6][];
        for (int epoch = 0; epoch < expected.length; epoch++) expected[epoch] = Permutation.of(size, recorded);

        EpochOrder straight = new EpochOrder(seed, size);
        for (int epoch = 0; epoch < expected.length; epoch++) assertArrayEquals(expected[epoch], straight.permutation(epoch));

        EpochOrder resumed = new EpochOrder(seed, size);
        assertArrayEquals(expected[4], resumed.permutation(4));
        assertArrayEquals(expected[5], resumed.permutation(5));
        assertThrows(IllegalStateException.class, () -> resumed.permutation(5));
    }
}
