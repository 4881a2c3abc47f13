package org.dropoutrepro.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Holds out a fraction of each class as the test set, seeded, so that every class keeps its share in both
 * parts. Rows keep their file order within each part.
 */
final class StratifiedSplit {

    private StratifiedSplit() {
    }

    /** {training rows, test rows} for rows with class {@code classes[i]} (all 0 for a regression target). */
    static int[][] split(int[] classes, double testFraction, long seed) {
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < classes.length; i++) byClass.computeIfAbsent(classes[i], c -> new ArrayList<>()).add(i);
        Random random = new Random(seed);
        boolean[] inTest = new boolean[classes.length];
        for (List<Integer> rows : byClass.values()) {
            int[] order = Permutation.of(rows.size(), random);
            int testCount = (int) Math.round(rows.size() * testFraction);
            for (int k = 0; k < testCount; k++) inTest[rows.get(order[k])] = true;
        }
        int tests = 0;
        for (boolean t : inTest) if (t) tests++;
        if (tests == 0 || tests == classes.length) {
            throw new DataFileException("data.testFraction " + testFraction + " of " + classes.length + " rows leaves "
                    + (tests == 0 ? "no test rows" : "no training rows"));
        }
        int[] train = new int[classes.length - tests];
        int[] test = new int[tests];
        int a = 0;
        int b = 0;
        for (int i = 0; i < classes.length; i++) {
            if (inTest[i]) test[b++] = i;
            else train[a++] = i;
        }
        return new int[][] {train, test};
    }
}
