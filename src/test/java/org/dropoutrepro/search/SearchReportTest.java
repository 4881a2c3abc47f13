package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edge-of-range warning (Google's tuning playbook): a best value in the outer 10% of its range, in log space for log scales. */
class SearchReportTest {

    private static Map<String, Map<String, Object>> space() {
        Map<String, Map<String, Object>> space = new LinkedHashMap<>();
        space.put("dropout.hiddenRetain", Map.of("scale", "linear", "min", 0.2, "max", 1.0));
        space.put("optimizer.learningRate", Map.of("scale", "log", "min", 0.01, "max", 100.0));
        space.put("regularization.maxNorm", Map.of("scale", "discrete", "values", java.util.Arrays.asList(null, 2.0, 3.0, 4.0)));
        return space;
    }

    private static TrialRecord best(double retain, double rate, Double maxNorm) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("dropout.hiddenRetain", retain);
        values.put("optimizer.learningRate", rate);
        values.put("regularization.maxNorm", maxNorm);
        return new TrialRecord(1, TrialRecord.COMPLETED, values, 0.1, List.of(), 1, 0, null, new double[0], null);
    }

    @Test
    void warnsOnlyForValuesInTheOuterTenthOfTheirRange() {
        assertTrue(SearchReport.edgeWarnings(best(0.5, 1.0, 3.0), space()).isEmpty());
        List<String> low = SearchReport.edgeWarnings(best(0.27, 1.0, 3.0), space());
        assertEquals(1, low.size());
        assertTrue(low.get(0).contains("`dropout.hiddenRetain` (0.27) lies in the outer 10%"), low.get(0));
        assertTrue(SearchReport.edgeWarnings(best(0.29, 1.0, 3.0), space()).isEmpty(), "0.29 is 11% into [0.2, 1]");
        // log scale: 50 is log10 position (1.7 + 2) / 4 = 0.92 -> edge; 20 is 0.83 -> not, though linearly 20% of the way
        assertEquals(1, SearchReport.edgeWarnings(best(0.5, 50.0, 3.0), space()).size());
        assertTrue(SearchReport.edgeWarnings(best(0.5, 20.0, 3.0), space()).isEmpty());
        List<String> listed = SearchReport.edgeWarnings(best(0.5, 1.0, 4.0), space());
        assertEquals(1, listed.size());
        assertTrue(listed.get(0).contains("largest value listed"), listed.get(0));
    }
}
