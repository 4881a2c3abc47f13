package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchDirs.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dropoutrepro.train.EpochMetrics;
import org.junit.jupiter.api.Test;

/**
 * Which trials validation noise cannot tell from the best: the bound 1.96 sqrt(e_b (1 - e_b) / n + e (1 - e) / n + 2 sd^2),
 * worked by hand on 10,000 validation examples.
 */
class NearBestTest {

    private static final String RETAIN = "dropout.hiddenRetain";

    private static final TrialRecord BEST = trial(1, TrialRecord.COMPLETED, 0.100, 3, RETAIN, 0.5);
    /** 0.8 points behind: inside 1.96 x sqrt((0.09 + 0.0963) / 10,000) = 0.846 points. */
    private static final TrialRecord CLOSE = trial(2, TrialRecord.COMPLETED, 0.108, 3, RETAIN, 0.6);
    /** 0.9 points behind: outside 0.848 points by the binomial part alone; inside 1.188 with a seed sd of 0.3 points. */
    private static final TrialRecord MIDDLE = trial(3, TrialRecord.COMPLETED, 0.109, 3, RETAIN, 0.7);
    /** 1.2 points behind: outside 1.191 points even with the seed sd. */
    private static final TrialRecord FAR = trial(4, TrialRecord.COMPLETED, 0.112, 3, RETAIN, 0.8);

    private static final List<TrialRecord> TRIALS = List.of(FAR, MIDDLE, CLOSE, BEST, trial(5, TrialRecord.PRUNED, 0.101, 2, RETAIN, 0.9),
            stuckAtChance(6));

    /** A completed trial whose training error stayed at chance but whose validation error is, implausibly, close to the best. */
    private static TrialRecord stuckAtChance(int number) {
        TrialRecord shape = trial(number, TrialRecord.COMPLETED, 0.101, 3, RETAIN, 0.95);
        List<EpochMetrics> epochs = shape.epochs().stream().map(e -> new EpochMetrics(e.epoch(), 2.3, 0.9, e.validationError(), 1)).toList();
        return new TrialRecord(number, TrialRecord.COMPLETED, shape.values(), 0.101, epochs, 1, 3, null, new double[0], null);
    }

    private static List<Integer> numbers(NearBest.Result result) {
        return result.trials().stream().map(TrialRecord::trial).toList();
    }

    private static FinalSeedRecord seed(int seed, double validationError) {
        return new FinalSeedRecord(1, seed, TrialRecord.COMPLETED, 0.1, validationError, List.of(), 1, null, null);
    }

    @Test
    void theBinomialNoiseOfTheValidationSplitAloneKeepsOnlyTrialsLessThanItsBoundBehind() {
        NearBest.Result result = NearBest.of(TRIALS, BEST, 10, 10_000, List.of());
        assertEquals(List.of(1, 2), numbers(result), "pruned and stuck-at-chance trials are never within noise, however close");
        assertTrue(Double.isNaN(result.seedSd()));
        assertTrue(result.how().contains("left out until at least two final seeds"), result.how());
    }

    @Test
    void theFinalSeedsSpreadWidensTheBound() {
        // validation errors 0.097, 0.100, 0.103: sd 0.003; a failed seed without a validation error is left out
        List<FinalSeedRecord> finals = List.of(seed(2, 0.097), seed(3, 0.100), seed(4, 0.103),
                new FinalSeedRecord(1, 5, TrialRecord.FAILED, null, null, List.of(), 1, "OutOfMemoryError", null));
        NearBest.Result result = NearBest.of(TRIALS, BEST, 10, 10_000, finals);
        assertEquals(List.of(1, 2, 3), numbers(result));
        assertEquals(0.003, result.seedSd(), 1e-12);
        assertEquals(3, result.seeds());
        assertTrue(result.how().contains("sd 0.30 points, of the best configuration's 3 final seeds' validation errors"), result.how());
    }

    @Test
    void withoutClassesThereIsNoBinomialPartAndWithoutSeedsOnlyTheBest() {
        NearBest.Result result = NearBest.of(TRIALS, BEST, null, 10_000, List.of());
        assertEquals(List.of(1), numbers(result));
        assertTrue(result.how().contains("no noise model"), result.how());
    }

    @Test
    void theBoundIsTheHandWorkedOne() {
        assertTrue(NearBest.within(0.100, 0.108, 10_000, Double.NaN));
        assertTrue(!NearBest.within(0.100, 0.109, 10_000, Double.NaN));
        assertTrue(NearBest.within(0.100, 0.109, 10_000, 0.003));
        assertTrue(!NearBest.within(0.100, 0.112, 10_000, 0.003));
        assertTrue(NearBest.within(0.100, 0.090, 10_000, Double.NaN), "a trial below the best is within (the best is re-chosen elsewhere)");
    }
}
