package org.dropoutrepro.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.RandomForest;
import smile.regression.RegressionTree;

/**
 * Parameter importance: a random-forest regression of the objective on the parameters (Smile's
 * {@link RandomForest}, seeded tree by tree), whose mean decrease in impurity per parameter is normalised to sum
 * to 1 (as Optuna's mean-decrease-impurity importance evaluator does with scikit-learn's forest). Every split may choose
 * among all parameters, as scikit-learn's regression forest does by default: with the two to five parameters of a search,
 * the usual third of them would be one parameter drawn at random per split, which spreads the importance evenly whatever
 * the data say. Log-scale parameters enter as log10 of their value, listed values as their position in the list. With
 * few trials the figures are rough: the report says how many trials they rest on.
 */
final class Importance {

    /** Below this many completed trials, no importance is computed. */
    static final int MIN_TRIALS = 6;
    private static final int TREES = 300;

    private Importance() {
    }

    /** One feature per searched key: its value as a number. */
    record Feature(String key, boolean log, List<Object> values) {
        double of(Object value) {
            if (values != null) return values.indexOf(value);
            double x = ((Number) value).doubleValue();
            return log ? Math.log10(x) : x;
        }
    }

    /** Importance per key (summing to 1), in the order of {@code features}; empty when there are too few trials or keys. */
    static Map<String, Double> of(List<TrialRecord> completed, List<Feature> features, long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (completed.size() < MIN_TRIALS || features.isEmpty()) return out;
        if (features.size() == 1) {
            out.put(features.get(0).key(), 1.0);
            return out;
        }
        int featureCount = features.size();
        double[][] rows = new double[completed.size()][featureCount + 1];
        String[] names = new String[featureCount + 1];
        for (int j = 0; j < featureCount; j++) names[j] = "x" + j;
        names[featureCount] = "objective";
        for (int i = 0; i < completed.size(); i++) {
            TrialRecord trial = completed.get(i);
            for (int j = 0; j < featureCount; j++) rows[i][j] = features.get(j).of(trial.values().get(features.get(j).key()));
            rows[i][featureCount] = trial.validationError();
        }
        DataFrame frame = DataFrame.of(rows, names);
        // Smile fits the trees in a parallel stream that takes each tree's seed from a shared stream, so which
        // tree gets which seed depends on thread timing; in a pool of one thread the fit is the same every time.
        ForkJoinPool oneThread = new ForkJoinPool(1);
        RandomForest forest;
        try {
            forest = oneThread.submit(() -> RandomForest.fit(Formula.lhs("objective"), frame, TREES, featureCount, 20,
                    Math.max(2, completed.size()), 2, 1.0, LongStream.range(seed, seed + TREES))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting the importance forest", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the importance forest could not be fitted: " + e.getCause(), e.getCause());
        } finally {
            oneThread.shutdown();
        }
        // summed in tree order, so that the figure is the same from one rendering to the next
        double[] importance = new double[featureCount];
        for (RegressionTree tree : forest.trees()) {
            double[] treeImportance = tree.importance();
            for (int j = 0; j < featureCount; j++) importance[j] += treeImportance[j];
        }
        double total = 0;
        for (double v : importance) total += Math.max(0, v);
        for (int j = 0; j < featureCount; j++) out.put(features.get(j).key(), total == 0 ? 0.0 : Math.max(0, importance[j]) / total);
        return out;
    }
}
