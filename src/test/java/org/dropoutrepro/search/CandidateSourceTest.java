package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Arbiter's generators as the search uses them: seeded, reproducible, and each space kind sampled as specified. */
class CandidateSourceTest {

    private static final List<SearchSpec.Dimension> SPACE = List.of(
            new SearchSpec.Dimension("dropout.hiddenRetain", SearchSpec.Scale.LINEAR, 0.2, 1.0, List.of(), "t"),
            new SearchSpec.Dimension("dropout.inputRetain", SearchSpec.Scale.LINEAR, 0.2, 1.0, List.of(), "t"),
            new SearchSpec.Dimension("optimizer.learningRate", SearchSpec.Scale.LOG, 0.001, 10.0, List.of(), "t"),
            new SearchSpec.Dimension("training.batchSize", SearchSpec.Scale.INTEGER, 50.0, 53.0, List.of(), "t"),
            new SearchSpec.Dimension("regularization.maxNorm", SearchSpec.Scale.DISCRETE, null, null, Arrays.asList(null, 2.0, 3.0), "t"),
            new SearchSpec.Dimension("architecture.hiddenWidths", SearchSpec.Scale.DISCRETE, null, null,
                    List.of(List.of(8, 8), List.of(16)), "t"));

    private static SearchSpec spec(SearchSpec.Method method, int trials, int seed, boolean partialGrid) {
        return new SearchSpec(method, trials, 2, seed, null, SPACE, SearchSpec.Pruning.NONE, 0, 3, partialGrid, 4, null);
    }

    /** Draws {@code n} proposals; for a genetic source reports each with a made-up objective once 2 later ones exist. */
    private static List<CandidateSource.Proposal> draw(SearchSpec spec, int n) {
        CandidateSource source = CandidateSource.create(spec);
        List<CandidateSource.Proposal> out = new ArrayList<>();
        for (int i = 0; i < n && source.hasNext(); i++) {
            if (i >= 2) {
                CandidateSource.Proposal earlier = out.get(i - 2);
                source.report(earlier.genes(), (Double) earlier.values().get("dropout.hiddenRetain"));
            }
            out.add(source.next());
        }
        return out;
    }

    private static void assertSameProposals(List<CandidateSource.Proposal> a, List<CandidateSource.Proposal> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trial(), b.get(i).trial());
            assertEquals(a.get(i).values(), b.get(i).values());
            assertArrayEquals(a.get(i).genes(), b.get(i).genes());
        }
    }

    @Test
    void everyGeneratorIsReproducibleFromItsSeed() {
        for (SearchSpec.Method method : SearchSpec.Method.values()) {
            List<CandidateSource.Proposal> first = draw(spec(method, 20, 5, true), 20);
            assertSameProposals(first, draw(spec(method, 20, 5, true), 20));
            assertNotEquals(first.stream().map(CandidateSource.Proposal::values).toList(),
                    draw(spec(method, 20, 6, true), 20).stream().map(CandidateSource.Proposal::values).toList(),
                    method + ": another seed proposes other candidates (a partial grid: another subset)");
        }
    }

    @Test
    void eachKindOfSpaceIsSampledAsSpecified() {
        List<CandidateSource.Proposal> proposals = draw(spec(SearchSpec.Method.RANDOM, 400, 1, false), 400);
        Set<Object> maxNorms = new HashSet<>();
        Set<Object> widths = new HashSet<>();
        Set<Object> batchSizes = new HashSet<>();
        int belowOneHundredth = 0;
        for (CandidateSource.Proposal proposal : proposals) {
            Map<String, Object> values = proposal.values();
            double retain = (Double) values.get("dropout.hiddenRetain");
            assertTrue(retain >= 0.2 && retain <= 1.0, "retain " + retain);
            double learningRate = (Double) values.get("optimizer.learningRate");
            assertTrue(learningRate >= 0.001 && learningRate <= 10.0, "learning rate " + learningRate);
            if (learningRate < 0.01) belowOneHundredth++;
            assertInstanceOf(Integer.class, values.get("training.batchSize"));
            batchSizes.add(values.get("training.batchSize"));
            maxNorms.add(values.get("regularization.maxNorm"));
            widths.add(values.get("architecture.hiddenWidths"));
            assertNotEquals(values.get("dropout.hiddenRetain"), values.get("dropout.inputRetain"),
                    "two keys with the same range are independent leaves (Arbiter de-duplicates by identity)");
        }
        assertEquals(Set.of(50, 51, 52, 53), batchSizes);
        assertEquals(new HashSet<>(Arrays.asList(null, 2.0, 3.0)), maxNorms);
        assertEquals(Set.of(List.of(8, 8), List.of(16)), widths);
        // log-uniform on [0.001, 10]: P(lr < 0.01) = 1/4; 400 draws, binomial sd ~ 8.7: a 5-sd band
        assertTrue(Math.abs(belowOneHundredth - 100) < 44, "draws below 0.01: " + belowOneHundredth + " of 400");
        assertEquals(6, new SearchSpace(SPACE).numParameters());
    }

    @Test
    void theGridVisitsEveryPointOnceInSequentialOrderAndAPartialGridIsASeededSubset() {
        SearchSpec full = spec(SearchSpec.Method.GRID, 10_000, 1, false);
        int size = new SearchSpace(SPACE).gridSize(3);
        assertEquals(3 * 3 * 3 * 3 * 3 * 2, size, "3 points per continuous axis, min(4, 3) integers, 3 and 2 listed values");
        List<CandidateSource.Proposal> all = draw(full, size + 5);
        assertEquals(size, all.size(), "the grid runs out");
        assertEquals(size, all.stream().map(CandidateSource.Proposal::values).distinct().count());
        assertEquals(0.2, all.get(0).values().get("dropout.hiddenRetain"));
        assertEquals(0.6, (Double) all.get(1).values().get("dropout.hiddenRetain"), 1e-12);
        assertEquals(1.0, all.get(2).values().get("dropout.hiddenRetain"));
        assertEquals(0.1, (Double) all.get(9).values().get("optimizer.learningRate"), 1e-12, "log grid: 0.001, 0.1, 10");

        List<CandidateSource.Proposal> partial = draw(spec(SearchSpec.Method.GRID, 12, 4, true), 12);
        assertSameProposals(partial, draw(spec(SearchSpec.Method.GRID, 12, 4, true), 12));
        assertFalse(partial.stream().map(CandidateSource.Proposal::values).toList()
                .equals(all.subList(0, 12).stream().map(CandidateSource.Proposal::values).toList()), "a shuffled subset, not the first 12");
    }

    @Test
    void theGeneticGeneratorBreedsFromReportedResults() {
        SearchSpec genetic = spec(SearchSpec.Method.GENETIC, 30, 2, false);
        CandidateSource reported = CandidateSource.create(genetic);
        CandidateSource silent = CandidateSource.create(genetic);
        boolean differs = false;
        for (int i = 0; i < 12; i++) {
            CandidateSource.Proposal a = reported.next();
            CandidateSource.Proposal b = silent.next();
            reported.report(a.genes(), (double) i);
            differs |= !Arrays.equals(a.genes(), b.genes());
        }
        assertTrue(differs, "after the population fills, proposals depend on the reported results");
    }
}
