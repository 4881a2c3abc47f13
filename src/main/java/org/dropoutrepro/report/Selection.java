package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * For an experiment with a sweep, the sweep point each variant would choose on VALIDATION: the lowest mean
 * final validation error over seeds among its configurations whose runs all learned. The test error is
 * shown beside it for information only; it plays no part in the choice.
 */
final class Selection {

    private Selection() {
    }

    /** The Markdown section, or "" when the experiment has no sweep or no validation split. */
    static String section(List<ConfigSummary> summaries, Units units) {
        if (summaries.stream().allMatch(s -> s.config().sweepValues().isEmpty())) return "";
        if (summaries.stream().allMatch(s -> s.finalValidationError().n() == 0)) return "";
        Map<String, List<ConfigSummary>> byVariant = new LinkedHashMap<>();
        for (ConfigSummary s : summaries) byVariant.computeIfAbsent(s.config().variant(), v -> new ArrayList<>()).add(s);
        StringBuilder md = new StringBuilder("\n## Chosen on validation\n\nPer variant, the sweep point with the lowest mean final "
                + "validation error over seeds (configurations with runs that did not learn or diverged are not candidates). The test error "
                + "is shown for information; it plays no part in the choice. The margin is the runner-up's mean minus the chosen one's, with "
                + "its standard error over seeds; a margin within Welch's two-sided 95% critical value times that (Student's t at the "
                + "Welch-Satterthwaite degrees of freedom: 12.7 at one, 4.3 at two) is a close call: these seeds do not separate "
                + "the two, and another set of seeds could choose the runner-up.\n\n| variant | chosen | final validation error | runner-up | margin | "
                + "test error of the chosen |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Map.Entry<String, List<ConfigSummary>> entry : byVariant.entrySet()) {
            List<ConfigSummary> candidates = entry.getValue().stream()
                    .filter(s -> s.finalValidationError().n() > 0 && s.notLearned() == 0 && s.diverged() == 0)
                    .sorted(Comparator.comparingDouble(s -> s.finalValidationError().mean())).toList();
            if (candidates.isEmpty()) {
                md.append("| ").append(entry.getKey()).append(" | none: no configuration learned | | | | |\n");
                continue;
            }
            ConfigSummary best = candidates.get(0);
            md.append("| ").append(entry.getKey()).append(" | ").append(point(best)).append(" | ")
                    .append(mean(best.finalValidationError(), units)).append(" | ")
                    .append(candidates.size() > 1 ? point(candidates.get(1)) + ": " + mean(candidates.get(1).finalValidationError(), units) : "")
                    .append(" | ").append(candidates.size() > 1 ? margin(best.finalValidationError(), candidates.get(1).finalValidationError(), units) : "")
                    .append(" | ").append(mean(best.testError(), units)).append(" |\n");
        }
        return md.toString();
    }

    /**
     * "0.10 points ± 0.16 (close call)": the runner-up's mean minus the chosen one's, its standard error over seeds, and
     * "close call" when the margin is within Welch's two-sided 95% critical value (Student's t at the Welch-Satterthwaite
     * degrees of freedom, 12.7 at one) times that standard error, a tie included.
     */
    static String margin(Stats.Summary chosen, Stats.Summary runnerUp, Units units) {
        double margin = runnerUp.mean() - chosen.mean();
        if (Double.isNaN(chosen.sd()) || Double.isNaN(runnerUp.sd())) {
            return units.format(margin) + units.differenceUnit() + " (one seed: no standard error)";
        }
        double chosenVariance = chosen.sd() * chosen.sd() / chosen.n();
        double runnerUpVariance = runnerUp.sd() * runnerUp.sd() / runnerUp.n();
        double standardError = Math.sqrt(chosenVariance + runnerUpVariance);
        boolean close;
        if (standardError == 0) {
            close = margin <= 0;
        } else {
            double degrees = Math.pow(chosenVariance + runnerUpVariance, 2) / (chosenVariance * chosenVariance / (chosen.n() - 1)
                    + runnerUpVariance * runnerUpVariance / (runnerUp.n() - 1));
            close = margin <= new TDistribution(degrees).inverseCumulativeProbability(0.975) * standardError;
        }
        return units.format(margin) + units.differenceUnit() + " ± " + units.format(standardError) + (close ? " (close call)" : "");
    }

    private static String point(ConfigSummary s) {
        List<String> parts = new ArrayList<>();
        s.config().sweepValues().forEach((key, value) -> parts.add("`" + key + "` = " + value));
        return String.join(", ", parts);
    }

    private static String mean(Stats.Summary summary, Units units) {
        return String.format(Locale.ROOT, "%s%s%s", units.format(summary.mean()), units.unit(),
                Double.isNaN(summary.sd()) ? " (1 seed)" : " ± " + units.format(summary.sd()) + " (sd, " + summary.n() + " seeds)");
    }
}
