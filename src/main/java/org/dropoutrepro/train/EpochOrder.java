package org.dropoutrepro.train;

import java.util.Random;
import org.dropoutrepro.data.Permutation;
import org.dropoutrepro.dropout.SeedMixer;

/**
 * The order in which one run visits the training examples, epoch by epoch: a fresh permutation each epoch,
 * drawn from one generator seeded from the run's seed. The permutation of epoch {@code e} is a function of
 * (seed, size, e) alone: asked for a later epoch, the generator replays the permutations of the epochs before
 * it, so a run resumed from a checkpoint at epoch {@code e} shuffles exactly as one that never stopped, and the
 * generator's whole state is the epoch number.
 */
final class EpochOrder {

    private final int size;
    private final Random generator;
    private int drawn;

    EpochOrder(int seed, int size) {
        this.size = size;
        this.generator = new Random(seed * SeedMixer.GOLDEN_GAMMA + 1);
    }

    /** The permutation of epoch {@code epoch} (0-based); epochs are asked for in increasing order. */
    int[] permutation(int epoch) {
        if (epoch < drawn) throw new IllegalStateException("epoch " + epoch + " was already drawn (next: " + drawn + ")");
        while (drawn < epoch) {
            Permutation.of(size, generator);
            drawn++;
        }
        drawn++;
        return Permutation.of(size, generator);
    }
}
