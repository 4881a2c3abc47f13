package org.dropoutrepro.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.random.RandomGenerator;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.generator.GeneticSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.generator.genetic.crossover.SinglePointCrossover;
import org.deeplearning4j.arbiter.optimize.generator.genetic.crossover.parentselection.RandomTwoParentSelection;
import org.deeplearning4j.arbiter.optimize.generator.genetic.mutation.RandomMutationOperator;
import org.deeplearning4j.arbiter.optimize.generator.genetic.population.PopulationModel;
import org.deeplearning4j.arbiter.optimize.generator.genetic.selection.GeneticSelectionOperator;

/**
 * Arbiter's candidate generators, seeded so that the same spec proposes the same candidates in the same order:
 * <ul>
 *   <li>random: {@link RandomSearchGenerator} with its generator seeded by {@code search.seed};</li>
 *   <li>grid: {@link GridSearchCandidateGenerator} in sequential order (its random order shuffles in the constructor,
 *   before a seed can be set, so it is not reproducible); with {@code partialGrid} a subset drawn with the seed;</li>
 *   <li>genetic: {@link GeneticSearchCandidateGenerator} whose selection, crossover, parent selection and mutation each
 *   get a generator seeded from {@code search.seed} (Arbiter's defaults are unseeded). Its proposals depend on the
 *   results reported to it: the caller reports them in trial order at fixed points, and replays recorded results
 *   the same way on resume.</li>
 * </ul>
 *
 * <p>Search tooling (Arbiter's generators) with no counterpart in the paper, which says which hyperparameters it chose
 * on the validation set (Appendix B.1) but not how it proposed them.
 */
final class CandidateSource {

    /** A proposed trial: its values per key, Arbiter's flat parameters in [0, 1], and the error if the space could not produce it. */
    record Proposal(int trial, Map<String, Object> values, double[] genes, String error) {
    }

    private final CandidateGenerator generator;
    private final List<Candidate> gridOrder;
    private final boolean usesResults;
    private int next;

    private CandidateSource(CandidateGenerator generator, List<Candidate> gridOrder, boolean usesResults) {
        this.generator = generator;
        this.gridOrder = gridOrder;
        this.usesResults = usesResults;
    }

    static CandidateSource create(SearchSpec spec) {
        SearchSpace space = new SearchSpace(spec.space());
        return switch (spec.method()) {
            case RANDOM -> {
                RandomSearchGenerator random = new RandomSearchGenerator(space, null);
                random.setRngSeed(spec.seed());
                yield new CandidateSource(random, null, false);
            }
            case GRID -> {
                GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, spec.gridPoints(),
                        GridSearchCandidateGenerator.Mode.Sequential, null);
                List<Candidate> all = new ArrayList<>();
                while (grid.hasMoreCandidates()) all.add(grid.getCandidate());
                if (spec.partialGrid() && all.size() > spec.trials()) Collections.shuffle(all, new Random(spec.seed()));
                yield new CandidateSource(null, all, false);
            }
            case GENETIC -> {
                SplittableRandom seeds = new SplittableRandom(spec.seed());
                RandomGenerator selection = new JDKRandomGenerator(seeds.nextInt());
                RandomGenerator crossover = new JDKRandomGenerator(seeds.nextInt());
                RandomGenerator parents = new JDKRandomGenerator(seeds.nextInt());
                RandomGenerator mutation = new JDKRandomGenerator(seeds.nextInt());
                GeneticSelectionOperator operator = new GeneticSelectionOperator.Builder()
                        .randomGenerator(selection)
                        .crossoverOperator(new SinglePointCrossover.Builder().randomGenerator(crossover)
                                .parentSelection(new RandomTwoParentSelection(parents)).build())
                        .mutationOperator(new RandomMutationOperator.Builder().randomGenerator(mutation).build())
                        .build();
                GeneticSearchCandidateGenerator genetic = new GeneticSearchCandidateGenerator.Builder(space, new Minimize())
                        .populationModel(new PopulationModel.Builder().populationSize(spec.populationSize()).build())
                        .selectionOperator(operator)
                        .build();
                yield new CandidateSource(genetic, null, true);
            }
        };
    }

    /** Whether the generator's proposals depend on earlier results (genetic), which must then be reported in order. */
    boolean usesResults() {
        return usesResults;
    }

    /** Whether another candidate can be proposed (a grid runs out; random and genetic do not, except on a genetic failure). */
    boolean hasNext() {
        return gridOrder != null ? next < gridOrder.size() : generator.hasMoreCandidates();
    }

    /** The next candidate, numbered from 1. */
    @SuppressWarnings("unchecked")
    Proposal next() {
        Candidate candidate = gridOrder != null ? gridOrder.get(next) : generator.getCandidate();
        next++;
        Exception error = candidate.getException();
        return new Proposal(next, (Map<String, Object>) candidate.getValue(), candidate.getFlatParameters(),
                error == null ? null : String.valueOf(error));
    }

    /** Tells the generator a finished trial's objective (null for a trial without one: it is not reported, as in Arbiter). */
    void report(double[] genes, Double objective) {
        if (!usesResults || objective == null || genes == null) return;
        Candidate candidate = new Candidate((Object) null, 0, genes);
        generator.reportResults(new OptimizationResult(candidate, objective, 0, null, null, null));
    }

    /** Arbiter's genetic generator asks its score function only whether lower is better. */
    private static final class Minimize implements ScoreFunction {
        @Override
        public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
            throw new UnsupportedOperationException("trials are scored by their validation error");
        }

        @Override
        public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
            throw new UnsupportedOperationException("trials are scored by their validation error");
        }

        @Override
        public boolean minimize() {
            return true;
        }

        @Override
        public List<Class<?>> getSupportedModelTypes() {
            return List.of();
        }

        @Override
        public List<Class<?>> getSupportedDataTypes() {
            return List.of();
        }
    }
}
