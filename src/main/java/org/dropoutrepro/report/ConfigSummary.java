package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunStatus;

/**
 * The runs of one configuration and what they add up to: test error over seeds, mean learning curves, and
 * how many runs did not learn ({@link RunHealth}) or diverged. Runs that did not learn stay in the
 * statistics: they are outcomes of the configuration, and leaving them out would flatter it.
 */
record ConfigSummary(Manifest.ConfigEntry config, List<RunRecord> runs, List<RunHealth> health, Stats.Summary testError,
                     Stats.Summary finalTrainError, Stats.Summary finalValidationError) {

    static ConfigSummary of(Manifest.ConfigEntry config, List<RunRecord> all, RunHealth.Judge judge) {
        List<RunRecord> runs = all.stream().filter(r -> r.configIndex() == config.index()).toList();
        List<RunRecord> completed = completed(runs);
        return new ConfigSummary(config, runs, runs.stream().map(judge::of).toList(),
                Stats.summarize(completed.stream().map(RunRecord::testError).toList()),
                Stats.summarize(completed.stream().map(r -> last(r).trainError()).toList()),
                Stats.summarize(completed.stream().filter(r -> last(r).validationError() != null)
                        .map(r -> last(r).validationError()).toList()));
    }

    /** Runs the spec plans for this configuration: one per seed. */
    int plannedRuns() {
        return config.values().get("training.seeds") instanceof List<?> seeds ? seeds.size() : runs.size();
    }

    /** Runs of this configuration that diverged. */
    int diverged() {
        return count(RunHealth.Status.DIVERGED);
    }

    /** Completed runs of this configuration that did not learn. */
    int notLearned() {
        return count(RunHealth.Status.NOT_LEARNED);
    }

    private int count(RunHealth.Status status) {
        return (int) health.stream().filter(h -> h.status() == status).count();
    }

    /** The health of one of this configuration's runs. */
    RunHealth healthOf(RunRecord run) {
        return health.get(runs.indexOf(run));
    }

    List<Double> testErrors() {
        return completed(runs).stream().map(RunRecord::testError).toList();
    }

    /**
     * The fraction of this configuration's completed runs that misclassified each test example, or {@code null} when a
     * completed run did not record its mistakes (records from before they were kept) or on another number of examples.
     */
    double[] mistakeRates(int testExamples) {
        double[] rates = org.dropoutrepro.train.TestMistakes.rates(completed(runs).stream().map(RunRecord::testMistakes).toList());
        return rates == null || rates.length != testExamples ? null : rates;
    }

    List<Double> finalTrainErrors() {
        return completed(runs).stream().map(r -> last(r).trainError()).toList();
    }

    /** Mean over completed runs of a per-epoch metric: points (epoch, mean). */
    List<double[]> meanCurve(boolean validation) {
        Map<Integer, List<Double>> byEpoch = new TreeMap<>();
        for (RunRecord run : completed(runs)) {
            for (EpochMetrics epoch : run.epochs()) {
                Double value = validation ? epoch.validationError() : Double.valueOf(epoch.trainError());
                if (value != null) byEpoch.computeIfAbsent(epoch.epoch(), e -> new ArrayList<>()).add(value);
            }
        }
        List<double[]> points = new ArrayList<>();
        byEpoch.forEach((epoch, values) -> points.add(new double[] {epoch,
                values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)}));
        return points;
    }

    private static List<RunRecord> completed(List<RunRecord> runs) {
        return runs.stream().filter(r -> r.status() == RunStatus.COMPLETED).toList();
    }

    private static EpochMetrics last(RunRecord run) {
        return run.epochs().get(run.epochs().size() - 1);
    }
}
