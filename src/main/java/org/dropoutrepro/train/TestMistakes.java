package org.dropoutrepro.train;

import java.io.Serializable;
import java.util.Base64;
import java.util.BitSet;

/**
 * Which test examples a classification run got wrong: a bit per example of the test split ({@code examples} of them), set
 * where the predicted class is not the label, stored as Base64 of {@link BitSet#toByteArray()} (1,250 bytes for 10,000
 * examples). Two configurations scored on the same test examples can then be compared example by example, which is what
 * the test set's own sampling noise of their difference depends on (the paper's Section 6 compares its nets on each data
 * set's one test set, as the reports here do).
 */
public record TestMistakes(int examples, String misclassified) implements Serializable {

    /** The record of {@code wrong} (bits 0 to {@code examples} - 1). */
    public static TestMistakes of(BitSet wrong, int examples) {
        if (wrong.length() > examples) throw new IllegalArgumentException("a mistake at example " + (wrong.length() - 1) + " of " + examples);
        return new TestMistakes(examples, Base64.getEncoder().encodeToString(wrong.toByteArray()));
    }

    /** The misclassified examples as bits. */
    public BitSet bits() {
        return BitSet.valueOf(Base64.getDecoder().decode(misclassified));
    }

    /**
     * Per test example, the fraction of {@code runs} that misclassified it; null when there are none, one lacks its record,
     * or they were scored on different numbers of examples.
     */
    public static double[] rates(java.util.List<TestMistakes> runs) {
        if (runs.isEmpty() || runs.stream().anyMatch(java.util.Objects::isNull)) return null;
        int examples = runs.get(0).examples();
        if (runs.stream().anyMatch(r -> r.examples() != examples)) return null;
        double[] rates = new double[examples];
        for (TestMistakes run : runs) {
            BitSet wrong = run.bits();
            for (int i = wrong.nextSetBit(0); i >= 0; i = wrong.nextSetBit(i + 1)) rates[i] += 1;
        }
        for (int i = 0; i < examples; i++) rates[i] /= runs.size();
        return rates;
    }

    /** How many examples were misclassified. */
    public int count() {
        return bits().cardinality();
    }
}
