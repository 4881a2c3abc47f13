package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quantity an experiment varies, for a plot of the result against it (as the paper draws Figure 9,
 * error against the retain probability): the first sweep axis, or else the numeric key that takes the
 * most distinct values (at least three) across the configurations. The configurations fall into series by
 * their other differences (variants, usually).
 */
record SweptQuantity(String key, Map<String, List<ConfigSummary>> series) {

    static final int MIN_POINTS = 3;

    /** The swept quantity of these configurations, or null when there is none to plot against. */
    static SweptQuantity of(List<ConfigSummary> summaries) {
        String key = summaries.stream().flatMap(s -> s.config().sweepValues().keySet().stream())
                .filter(k -> numericValues(summaries, k) != null).findFirst().orElse(null);
        if (key == null) {
            int most = MIN_POINTS - 1;
            for (String candidate : summaries.isEmpty() ? Set.<String>of() : summaries.get(0).config().values().keySet()) {
                Set<Double> values = numericValues(summaries, candidate);
                if (values != null && values.size() > most) {
                    most = values.size();
                    key = candidate;
                }
            }
        }
        if (key == null || numericValues(summaries, key).size() < MIN_POINTS) return null;
        Map<String, List<ConfigSummary>> series = new LinkedHashMap<>();
        List<String> others = otherDifferences(summaries, key);
        for (ConfigSummary s : summaries) series.computeIfAbsent(seriesName(s, others, summaries), n -> new ArrayList<>()).add(s);
        return new SweptQuantity(key, series);
    }

    double x(ConfigSummary summary) {
        return ((Number) summary.config().values().get(key)).doubleValue();
    }

    /** The key's distinct values when every configuration has a number there, else null. */
    private static Set<Double> numericValues(List<ConfigSummary> summaries, String key) {
        Set<Double> values = new LinkedHashSet<>();
        for (ConfigSummary s : summaries) {
            if (!(s.config().values().get(key) instanceof Number number)) return null;
            values.add(number.doubleValue());
        }
        return values;
    }

    /** Keys other than {@code key} on which the configurations differ. */
    private static List<String> otherDifferences(List<ConfigSummary> summaries, String key) {
        List<String> others = new ArrayList<>();
        for (String candidate : summaries.get(0).config().values().keySet()) {
            if (candidate.equals(key)) continue;
            if (summaries.stream().map(s -> String.valueOf(s.config().values().get(candidate))).distinct().count() > 1) others.add(candidate);
        }
        return others;
    }

    /** The variant when it alone separates the series, otherwise the differing keys' values. */
    private static String seriesName(ConfigSummary summary, List<String> others, List<ConfigSummary> all) {
        if (others.isEmpty()) return "";
        boolean variantsSeparate = all.stream().allMatch(a -> all.stream().noneMatch(b -> a.config().variant().equals(b.config().variant())
                && others.stream().anyMatch(k -> !String.valueOf(a.config().values().get(k)).equals(String.valueOf(b.config().values().get(k))))));
        if (variantsSeparate) return summary.config().variant();
        List<String> parts = new ArrayList<>();
        for (String k : others) parts.add(k.substring(k.indexOf('.') + 1) + "=" + summary.config().values().get(k));
        return String.join(", ", parts);
    }
}
