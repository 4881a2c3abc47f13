package org.dropoutrepro.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.train.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdicts: Holm across claims, zero spread, diverged arms, runs that did not learn, like with like in sweeps. */
class ClaimCheckTest {

    @TempDir
    Path dir;

    private static final double[] BETTER = {0.010, 0.011, 0.012, 0.013, 0.014};

    private static double[] shifted(double shift) {
        double[] out = new double[BETTER.length];
        for (int i = 0; i < out.length; i++) out[i] = BETTER[i] + shift;
        return out;
    }

    @Test
    void holmAdjustsAHandMadeSetOfPValues() {
        List<Double> adjusted = Stats.holm(List.of(0.01, 0.04, 0.03, Double.NaN, 0.005));
        // sorted 0.005, 0.01, 0.03, 0.04 (m = 4): x4, x3, x2, x1, made non-decreasing
        assertEquals(0.02, adjusted.get(4), 1e-12);
        assertEquals(0.03, adjusted.get(0), 1e-12);
        assertEquals(0.06, adjusted.get(2), 1e-12);
        assertEquals(0.06, adjusted.get(1), 1e-12, "0.04 x 1 is raised to the 0.06 before it");
        assertTrue(Double.isNaN(adjusted.get(3)), "no test, no adjusted p-value");
        assertEquals(List.of(1.0, 1.0), Stats.holm(List.of(0.6, 0.7)), "0.6 x 2 is capped at 1, and 0.7 raised to it");
        assertEquals(0.7, Stats.holm(List.of(0.7)).get(0), 1e-12, "one test is not adjusted");
    }

    @Test
    void aClaimThatHoldsAloneIsUnresolvedBesideAnotherAfterHolm() throws Exception {
        double[] worse = shifted(0.0027); // Welch on 5 + 5 seeds: p between 0.025 and 0.05
        double p = Stats.welch(java.util.Arrays.stream(worse).boxed().toList(), java.util.Arrays.stream(BETTER).boxed().toList()).pValue();
        assertTrue(p > 0.025 && p < 0.05, "fixture: p = " + p);

        ReportWriter.Analysis alone = new ReportFixtures().config("a", BETTER).config("b", worse).claim("a beats b", "a", "b")
                .analysis(dir.resolve("alone"));
        assertEquals(ClaimCheck.Outcome.HOLDS, alone.verdicts().get(0).outcome());
        assertEquals(p, alone.verdicts().get(0).holmP(), 1e-12);

        ReportWriter.Analysis two = new ReportFixtures().config("a", BETTER).config("b", worse).config("c", BETTER).config("d", worse)
                .claim("a beats b", "a", "b").claim("c beats d", "c", "d").analysis(dir.resolve("two"));
        for (ClaimCheck.Verdict v : two.verdicts()) {
            assertEquals(ClaimCheck.Outcome.UNRESOLVED, v.outcome(), v.label());
            assertEquals(Math.min(1, 2 * p), v.holmP(), 1e-12);
        }
    }

    @Test
    void theOppositeResultFails() throws Exception {
        ReportWriter.Analysis a = new ReportFixtures().config("a", shifted(0.01)).config("b", BETTER).claim("a beats b", "a", "b")
                .analysis(dir);
        assertEquals(ClaimCheck.Outcome.FAILS, a.verdicts().get(0).outcome());
    }

    @Test
    void zeroSpreadAcrossSeedsDecidesNothing() throws Exception {
        ReportWriter.Analysis a = new ReportFixtures().config("a", 0.02, 0.02, 0.02).config("b", 0.03, 0.03, 0.03)
                .claim("a beats b", "a", "b").analysis(dir);
        ClaimCheck.Verdict v = a.verdicts().get(0);
        assertEquals(ClaimCheck.Outcome.NOT_DECIDED, v.outcome());
        assertTrue(v.reason().contains("same test error"), v.reason());
        assertTrue(Double.isNaN(v.difference().low()) && Double.isNaN(v.difference().pValue()), "no interval from no spread");
        assertEquals(0, ClaimCheck.tests(a.verdicts()), "an undecided comparison does not enter Holm's m");
    }

    @Test
    void aDivergedRunFailsTheSideClaimedBetterAndLeavesTheWorseSideUncomparable() throws Exception {
        ReportWriter.Analysis betterDiverged = new ReportFixtures().config("a", BETTER).run(RunStatus.DIVERGED, null,
                        List.of(ReportFixtures.epoch(1, Double.NaN, 0.9)))
                .config("b", shifted(0.02)).claim("a beats b", "a", "b").analysis(dir.resolve("better"));
        assertEquals(ClaimCheck.Outcome.FAILS, betterDiverged.verdicts().get(0).outcome());
        assertTrue(betterDiverged.verdicts().get(0).reason().contains("1 of 6 runs of 'a' diverged"), betterDiverged.verdicts().get(0).reason());

        ReportWriter.Analysis worseDiverged = new ReportFixtures().config("a", BETTER).config("b", shifted(0.02))
                .run(RunStatus.DIVERGED, null, List.of(ReportFixtures.epoch(1, Double.NaN, 0.9)))
                .claim("a beats b", "a", "b").analysis(dir.resolve("worse"));
        assertEquals(ClaimCheck.Outcome.NOT_DECIDED, worseDiverged.verdicts().get(0).outcome());
    }

    @Test
    void runsStuckAtChanceOrFarBehindAreFlaggedAndCannotCarryAClaim() throws Exception {
        ReportWriter.Analysis a = new ReportFixtures()
                .config("good", BETTER)
                .config("stuck").run(RunStatus.COMPLETED, 0.90, List.of(ReportFixtures.epoch(1, 2.30, 0.90), ReportFixtures.epoch(2, 2.29, 0.89)))
                .run(RunStatus.COMPLETED, 0.66, List.of(ReportFixtures.epoch(1, 2.20, 0.35), ReportFixtures.epoch(2, 2.10, 0.30)))
                .run(RunStatus.COMPLETED, 0.67, List.of(ReportFixtures.epoch(1, 2.30, 0.70), ReportFixtures.epoch(2, 2.20, 0.66)))
                .config("behind", 0.03).run(RunStatus.COMPLETED, 0.61, List.of(ReportFixtures.epoch(1, 1.2, 0.62), ReportFixtures.epoch(2, 1.0, 0.6)))
                .claim("good beats stuck", "good", "stuck").analysis(dir);
        ConfigSummary stuck = a.summaries().get(1);
        assertEquals(3, stuck.notLearned(), "train error 0.89 is 90% of chance; loss 2.10 never below 0.9 ln 10 = 2.07; 66% is more than halfway to chance");
        assertTrue(stuck.health().get(0).reason().startsWith("stuck at chance: final training error"), stuck.health().get(0).reason());
        assertTrue(stuck.health().get(1).reason().startsWith("stuck at chance: training loss (with dropout on)"), stuck.health().get(1).reason());
        assertTrue(stuck.health().get(2).reason().startsWith("far behind"),
                "an error measured without dropout is named before the loss measured with it: " + stuck.health().get(2).reason());
        ConfigSummary behind = a.summaries().get(2);
        assertEquals(1, behind.notLearned(), "one seed at 60% training error while the experiment reaches 0.5%");
        assertEquals(RunHealth.Status.LEARNED, behind.health().get(0).status());
        assertTrue(behind.health().get(1).reason().startsWith("far behind"), behind.health().get(1).reason());
        assertEquals(0, a.summaries().get(0).notLearned(), "runs that learned are not flagged");
        assertEquals(3, stuck.testErrors().size(), "runs that did not learn stay in the numbers");

        ClaimCheck.Verdict v = a.verdicts().get(0);
        assertEquals(ClaimCheck.Outcome.NOT_DECIDED, v.outcome(), "a huge difference made by a training failure is not the claim");
        assertTrue(v.holmP() < 0.05, "it was tested, and counts in Holm's m");
    }

    @Test
    void aSweptVariantIsComparedPointByPointWithLikeCoordinates() throws Exception {
        String key = "optimizer.learningRate";
        ReportWriter.Analysis a = new ReportFixtures()
                .config("a", Map.of(key, 0.1), BETTER).config("a", Map.of(key, 1.0), shifted(0.05))
                .config("b", Map.of(key, 0.1), shifted(0.02)).config("b", Map.of(key, 1.0), shifted(0.03))
                .claim("a beats b", "a", "b").analysis(dir);
        assertEquals(2, a.verdicts().size());
        assertEquals("a beats b (at learningRate=0.1)", a.verdicts().get(0).label());
        assertEquals(ClaimCheck.Outcome.HOLDS, a.verdicts().get(0).outcome());
        assertEquals(ClaimCheck.Outcome.FAILS, a.verdicts().get(1).outcome(), "at 1.0, a is worse: not pooled with 0.1");
    }

    @Test
    void aDifferenceInsideTheTestSetsBinomialNoiseIsSaidToBe() throws Exception {
        ReportWriter.Analysis small = new ReportFixtures().config("a", BETTER).config("b", shifted(0.003)).claim("a beats b", "a", "b")
                .analysis(dir.resolve("small"));
        ClaimCheck.Verdict v = small.verdicts().get(0);
        double se = Math.sqrt(2 * 0.012 * 0.988 / ReportFixtures.TEST_EXAMPLES);
        assertEquals(Math.sqrt(0.012 * 0.988 / 2000 + 0.015 * 0.985 / 2000), v.testSetStandardError(), 1e-12);
        assertTrue(0.003 < 1.96 * se && v.belowTestSetResolution());
        assertEquals(ClaimCheck.Outcome.HOLDS, v.outcome(), "fixture: the seeds agree closely");
        assertEquals("**holds; test-set noise not ruled out**", v.shown(), "the verdict itself says the test set may not resolve it "
                + "(the unpaired bound)");
        ReportWriter.Analysis large = new ReportFixtures().config("a", BETTER).config("b", shifted(0.03)).claim("a beats b", "a", "b")
                .analysis(dir.resolve("large"));
        assertFalse(large.verdicts().get(0).belowTestSetResolution());
        assertEquals("**holds**", large.verdicts().get(0).shown());
    }

    /** Test examples 0-19 (hard for both sides), {@code extra} more from {@code from}, and {@code seed} of the seed's own from {@code own}. */
    private static java.util.BitSet mistakes(int from, int extra, int own, int seed) {
        java.util.BitSet wrong = new java.util.BitSet();
        wrong.set(0, 20);
        wrong.set(from, from + extra);
        wrong.set(own, own + seed);
        return wrong;
    }

    @Test
    void runsThatRecordTheirMistakesArePairedOverTheTestExamples() throws Exception {
        // b misclassifies 10 examples a gets right (30-39), on top of the 20 both get wrong: 0.5 points worse
        ReportWriter.Analysis a = new ReportFixtures()
                .configWithMistakes("a", mistakes(100, 0, 100, 1), mistakes(100, 0, 100, 2), mistakes(100, 0, 100, 3))
                .configWithMistakes("b", mistakes(30, 10, 200, 1), mistakes(30, 10, 200, 2), mistakes(30, 10, 200, 3))
                .claim("a beats b", "a", "b").analysis(dir.resolve("paired"));
        ClaimCheck.Verdict v = a.verdicts().get(0);
        assertTrue(v.pairedTestSetError());
        double[] rateA = new double[ReportFixtures.TEST_EXAMPLES];
        double[] rateB = new double[ReportFixtures.TEST_EXAMPLES];
        for (int seed = 1; seed <= 3; seed++) {
            java.util.BitSet wrongA = mistakes(100, 0, 100, seed);
            java.util.BitSet wrongB = mistakes(30, 10, 200, seed);
            for (int i = 0; i < rateA.length; i++) {
                rateA[i] += wrongA.get(i) ? 1 / 3.0 : 0;
                rateB[i] += wrongB.get(i) ? 1 / 3.0 : 0;
            }
        }
        assertEquals(Stats.pairedStandardError(rateB, rateA), v.testSetStandardError(), 1e-15);
        assertEquals(0.0018, v.testSetStandardError(), 0.0001, "about half the unpaired bound, since the 20 shared mistakes cancel");
        assertEquals(ClaimCheck.Outcome.HOLDS, v.outcome());
        assertEquals("**holds**", v.shown(), "0.5 points is beyond 1.96 paired standard errors (0.35 points)");

        // the same errors without the per-example records: the unpaired bound (0.36 points) leaves 0.5 points inside the noise
        ReportWriter.Analysis unpaired = new ReportFixtures().config("a", 21 / 2000.0, 22 / 2000.0, 23 / 2000.0)
                .config("b", 31 / 2000.0, 32 / 2000.0, 33 / 2000.0).claim("a beats b", "a", "b").analysis(dir.resolve("unpaired"));
        ClaimCheck.Verdict u = unpaired.verdicts().get(0);
        assertFalse(u.pairedTestSetError());
        assertEquals("**holds; test-set noise not ruled out**", u.shown());
    }

    @Test
    void seedsAndTestExamplesCountTogether() {
        ExperimentSpec.Claim claim = new ExperimentSpec.Claim("a beats b", "a", "b", "test.yaml:1");
        // 1.0 point with 0.45 over seeds and 0.45 over test examples: each alone is beyond 1.96 of its standard error,
        // together (0.64) it is not
        Stats.Difference difference = new Stats.Difference(0.010, 0.001, 0.019, 0.0045, 10, 0.04);
        ClaimCheck.Verdict both = new ClaimCheck.Verdict(claim, "", null, null, difference, 0.04, 0.0045, true, ClaimCheck.Outcome.HOLDS, "");
        assertTrue(0.010 > 1.96 * 0.0045, "fixture: each noise alone would let it through");
        assertEquals(Math.sqrt(2) * 0.0045, both.combinedStandardError(), 1e-15);
        assertEquals("**holds on this test set only**", both.shown());
        ClaimCheck.Verdict smallTestNoise = new ClaimCheck.Verdict(claim, "", null, null, difference, 0.04, 0.001, true,
                ClaimCheck.Outcome.HOLDS, "");
        assertEquals("**holds**", smallTestNoise.shown(), "1.0 point against 1.96 x 0.46");
    }
}
