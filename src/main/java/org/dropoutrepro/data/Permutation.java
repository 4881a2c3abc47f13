package org.dropoutrepro.data;

import java.util.Random;

/** Seeded Fisher-Yates permutations, so that splits and epoch orders depend on a seed and nothing else. */
public final class Permutation {

    private Permutation() {
    }

    /** A permutation of 0..size-1 drawn from {@code random}. */
    public static int[] of(int size, Random random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) order[i] = i;
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
