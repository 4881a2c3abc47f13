package org.dropoutrepro.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dropoutrepro.spec.Task;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One early epoch or one wide two-seed interval cannot squash a chart's axis; error intervals stay inside [0%, 100%]. */
class ChartAxesTest {

    @TempDir
    Path dir;

    private static List<double[]> curve(double... values) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) points.add(new double[] {i + 1, values[i]});
        return points;
    }

    @Test
    void earlyEpochsFarAboveWhereEveryCurveEndsRunOffTheTop() {
        CurveChart.AxisTop clipped = CurveChart.AxisTop.of(List.of(curve(89, 40, 9, 8.3), curve(20, 5, 3.3, 3.2)));
        assertTrue(clipped.clipped());
        assertEquals(3 * 8.3, clipped.top(), 1e-12, "three times the highest final value");

        CurveChart.AxisTop whole = CurveChart.AxisTop.of(List.of(curve(20, 12, 9, 8.3), curve(10, 5, 3.3, 3.2)));
        assertFalse(whole.clipped(), "20 is under three times 8.3: nothing is cut");
        assertEquals(20, whole.top(), 1e-12);
    }

    @Test
    void aWideTwoSeedIntervalIsCutAtTheAxisAndInsideZeroToOneHundredPercent() throws Exception {
        String key = "optimizer.learningRate";
        // four rates; at 1.0 two seeds far apart give a t-interval of about [-14%, 67%], as in a real sweep
        ReportWriter.Analysis a = new ReportFixtures().config("arm", Map.of(key, 0.03), 0.110, 0.111)
                .config("arm", Map.of(key, 0.1), 0.104, 0.106).config("arm", Map.of(key, 0.3), 0.103, 0.107)
                .config("arm", Map.of(key, 1.0), 0.232, 0.296).analysis(dir.resolve("sweep"));
        SweptQuantity swept = SweptQuantity.of(a.summaries());
        List<String> offScale = new ArrayList<>();
        JFreeChart chart = SweepChart.chart("sweep", swept, Units.of(Task.CLASSIFICATION), offScale);
        XYPlot plot = chart.getXYPlot();
        assertEquals(0, plot.getRangeAxis().getLowerBound(), 1e-12);
        assertEquals(29.6 * 1.15, plot.getRangeAxis().getUpperBound(), 1e-9, "the axis ends above the highest seed, not the interval");
        YIntervalSeriesCollection means = (YIntervalSeriesCollection) plot.getDataset(0);
        int last = means.getItemCount(0) - 1;
        assertEquals(0, means.getStartYValue(0, last), 1e-12, "an error rate's interval does not go below 0%");
        assertTrue(means.getEndYValue(0, last) > plot.getRangeAxis().getUpperBound(), "the bar itself keeps its length and is cut by the axis");
        assertTrue(offScale.isEmpty(), "every configuration learned: none is drawn off the scale");
    }
}
