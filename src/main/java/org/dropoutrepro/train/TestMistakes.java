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

    /** How many examples were misclassified. */
    public int count() {
        return bits().cardinality();
    }
}
