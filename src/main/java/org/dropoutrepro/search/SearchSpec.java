package org.dropoutrepro.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code search:} section of a spec, validated: how candidates are generated (Arbiter's random, grid or
 * genetic generator), how many are trained and how many at once, the seed, the space of values per spec
 * key, the pruning rule, the wall-clock limit and how many new seeds retrain the best configuration.
 * Appendix B.1 of the paper chose every hyperparameter on a held-out validation set; so does this search.
 * {@code baseline} optionally names the directory of a companion search (e.g. the same net without dropout), whose
 * best learning rate the report compares with this one's (Appendix A.2).
 */
public record SearchSpec(Method method, int trials, int parallel, int seed, Double maxMinutes, List<Dimension> space,
                         Pruning pruning, int finalSeeds, int gridPoints, boolean partialGrid, int populationSize,
                         String baseline) {

    /** Arbiter's candidate generators. */
    public enum Method { RANDOM, GRID, GENETIC }

    /** How a dimension is sampled. */
    public enum Scale { LINEAR, LOG, INTEGER, DISCRETE }

    /**
     * One searched key: a range ({@code min}, {@code max}, linear or log scale, whole numbers for integer keys)
     * or a list of values; {@code where} is its file and line.
     */
    public record Dimension(String key, Scale scale, Double min, Double max, List<Object> values, String where) {

        public boolean isRange() {
            return scale != Scale.DISCRETE;
        }
    }

    /**
     * Median pruning (Optuna's MedianPruner) from {@code startEpoch} on, once {@code startupTrials} earlier trials reached
     * the epoch. A {@code pruning:} map turns it on (its {@code method} defaults to median) with these defaults for the
     * keys it leaves out; a search without {@code pruning:} prunes nothing ({@link #NONE}).
     */
    public record Pruning(boolean median, int startEpoch, int startupTrials) {
        /** {@code startEpoch} when a pruning map leaves it out: from the first epoch. */
        public static final int DEFAULT_START_EPOCH = 1;
        /** {@code startupTrials} when a pruning map leaves it out (Optuna's MedianPruner default, n_startup_trials=5). */
        public static final int DEFAULT_STARTUP_TRIALS = 5;
        public static final Pruning NONE = new Pruning(false, DEFAULT_START_EPOCH, DEFAULT_STARTUP_TRIALS);
    }

    public SearchSpec {
        space = List.copyOf(space);
    }

    /**
     * The same search with {@code trials}, {@code finalSeeds} or the pruning rule replaced (null keeps the value),
     * validated again as the spec's own values are: a grid with more points than the new trial count without
     * {@code partialGrid} is refused with the parser's error, {@code origin} (e.g. "--trials 4") in its place.
     */
    public SearchSpec with(Integer newTrials, Integer newFinalSeeds, Pruning newPruning, String origin) {
        SearchSpec changed = new SearchSpec(method, newTrials == null ? trials : newTrials, parallel, seed, maxMinutes, space,
                newPruning == null ? pruning : newPruning,
                newFinalSeeds == null ? finalSeeds : newFinalSeeds, gridPoints, partialGrid, populationSize, baseline);
        String problem = changed.gridProblem();
        if (problem != null) throw new org.dropoutrepro.spec.SpecException(origin, "search.trials", problem);
        return changed;
    }

    /**
     * What is wrong with a grid that has more points than {@code trials} without {@code partialGrid} (which then trains
     * a seeded random subset), as a sentence; null for any other search.
     */
    String gridProblem() {
        if (method != Method.GRID || partialGrid) return null;
        int points = new SearchSpace(space).gridSize(gridPoints);
        if (points <= trials) return null;
        return "the grid has " + points + " points but trials is " + trials + "; raise trials to " + points + ", lower gridPoints or "
                + "the values, or set 'partialGrid: true' to train a seeded random subset of " + trials + " points";
    }

    /** The dimension of {@code key}, or null. */
    public Dimension dimension(String key) {
        return space.stream().filter(d -> d.key().equals(key)).findFirst().orElse(null);
    }

    /** The trials the search trains: {@code trials}, or a grid's points when it has fewer. */
    public int plannedTrials() {
        return plannedTrials(method, trials, new SearchSpace(space), gridPoints);
    }

    /** The trials a search of {@code method} trains over {@code space}: {@code trials}, or a grid's points when it has fewer. */
    static int plannedTrials(Method method, int trials, SearchSpace space, int gridPoints) {
        return method == Method.GRID ? Math.min(trials, space.gridSize(gridPoints)) : trials;
    }

    /** A plain description for the search's identity file and report (file lines left out, so moving a line is no change). */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method.name().toLowerCase(java.util.Locale.ROOT));
        out.put("trials", trials);
        out.put("seed", seed);
        out.put("maxMinutes", maxMinutes);
        Map<String, Object> dims = new LinkedHashMap<>();
        for (Dimension d : space) {
            Map<String, Object> dim = new LinkedHashMap<>();
            dim.put("scale", d.scale().name().toLowerCase(java.util.Locale.ROOT));
            if (d.isRange()) {
                dim.put("min", d.min());
                dim.put("max", d.max());
            } else {
                dim.put("values", d.values());
            }
            dims.put(d.key(), dim);
        }
        out.put("space", dims);
        out.put("pruning", pruning.median() ? Map.of("method", "median", "startEpoch", pruning.startEpoch(),
                "startupTrials", pruning.startupTrials()) : Map.of("method", "none"));
        out.put("finalSeeds", finalSeeds);
        if (method == Method.GRID) {
            out.put("gridPoints", gridPoints);
            out.put("partialGrid", partialGrid);
        }
        if (method == Method.GENETIC) {
            out.put("populationSize", populationSize);
            out.put("parallel", parallel);
        }
        return out;
    }
}
