package org.dropoutrepro.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.chart.ui.TextAnchor;

/**
 * The result against the swept quantity (the paper's Figure 9 draws test and training error against the
 * retain probability): per series, the mean test error over seeds with its 95% Student-t interval as error
 * bars, every seed's test error as a dot, and the mean final training error dashed. The y axis ends above
 * the seeds of the configurations that learned, so neither one that did not nor a wide two-seed interval can
 * squash the others: interval bars are cut at the axis (and at 0% and 100%), and the page names the
 * configurations drawn off the scale.
 */
final class SweepChart {

    private SweepChart() {
    }

    /** Writes the chart; returns the names of configurations whose values lie above the axis. */
    static List<String> write(Path file, String title, SweptQuantity swept, Units units) throws IOException {
        List<String> offScale = new ArrayList<>();
        CurveChart.saveSvg(chart(title, swept, units, offScale), file);
        return offScale;
    }

    /** The chart; adds to {@code offScale} the configurations drawn above the axis. */
    static JFreeChart chart(String title, SweptQuantity swept, Units units, List<String> offScale) {
        System.setProperty("java.awt.headless", "true");
        YIntervalSeriesCollection means = new YIntervalSeriesCollection();
        XYSeriesCollection seeds = new XYSeriesCollection();
        XYSeriesCollection train = new XYSeriesCollection();
        double top = 0;
        double lowestX = Double.MAX_VALUE;
        double highestX = 0;
        for (Map.Entry<String, List<ConfigSummary>> entry : swept.series().entrySet()) {
            String name = entry.getKey().isEmpty() ? "" : entry.getKey() + ": ";
            YIntervalSeries mean = new YIntervalSeries(name + "test error, mean and 95% interval");
            XYSeries dots = new XYSeries(name + "test error, each seed");
            XYSeries training = new XYSeries(name + "final training error, mean");
            for (ConfigSummary s : entry.getValue()) {
                if (s.testError().n() == 0) continue;
                double x = swept.x(s);
                lowestX = Math.min(lowestX, x);
                highestX = Math.max(highestX, x);
                Stats.Summary t = s.testError();
                double f = units.factor();
                // an error rate lies in [0, 1] and a squared error above 0, whatever a two-seed t-interval says
                double low = Math.max(0, Double.isNaN(t.low()) ? t.mean() : t.low());
                double high = Double.isNaN(t.high()) ? t.mean() : units.percent() ? Math.min(1, t.high()) : t.high();
                mean.add(x, t.mean() * f, low * f, high * f);
                for (double error : s.testErrors()) dots.add(x, error * f);
                training.add(x, s.finalTrainError().mean() * f);
                double highest = Math.max(t.mean(), s.testErrors().stream().mapToDouble(Double::doubleValue).max().orElse(0));
                highest = Math.max(highest, s.finalTrainError().mean()) * f;
                if (s.notLearned() == 0) top = Math.max(top, highest);
            }
            means.addSeries(mean);
            seeds.addSeries(dots);
            train.addSeries(training);
        }
        String key = swept.key();
        ValueAxis xAxis = lowestX > 0 && highestX / lowestX >= 20 ? new LogAxis(key) : new NumberAxis(key);
        if (xAxis instanceof NumberAxis number) number.setAutoRangeIncludesZero(false);
        NumberAxis yAxis = new NumberAxis(units.axis());
        XYErrorRenderer meanRenderer = new XYErrorRenderer();
        meanRenderer.setDefaultLinesVisible(true);
        meanRenderer.setDefaultShapesVisible(true);
        meanRenderer.setErrorStroke(new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(means, xAxis, yAxis, meanRenderer);
        XYLineAndShapeRenderer dotRenderer = new XYLineAndShapeRenderer(false, true);
        XYLineAndShapeRenderer trainRenderer = new XYLineAndShapeRenderer(true, false);
        BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
        for (int i = 0; i < means.getSeriesCount(); i++) {
            Color color = CurveChart.PALETTE[i % CurveChart.PALETTE.length];
            meanRenderer.setSeriesPaint(i, color);
            meanRenderer.setSeriesStroke(i, new BasicStroke(2f));
            dotRenderer.setSeriesPaint(i, color.brighter());
            dotRenderer.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            trainRenderer.setSeriesPaint(i, color);
            trainRenderer.setSeriesStroke(i, dashed);
        }
        plot.setDataset(1, seeds);
        plot.setRenderer(1, dotRenderer);
        plot.setDataset(2, train);
        plot.setRenderer(2, trainRenderer);
        if (top > 0) {
            double upper = top * 1.15;
            Map<Double, Integer> labelsAt = new java.util.HashMap<>();
            for (List<ConfigSummary> configs : swept.series().values()) {
                for (ConfigSummary s : configs) {
                    if (s.testError().n() == 0 || s.testError().mean() * units.factor() <= upper) continue;
                    int below = labelsAt.merge(swept.x(s), 1, Integer::sum) - 1;
                    XYTextAnnotation label = new XYTextAnnotation("\u2191 " + s.config().name() + ": " + units.format(s.testError().mean())
                            + units.unit(), swept.x(s), upper * (0.96 - 0.05 * below));
                    label.setTextAnchor(TextAnchor.CENTER_LEFT);
                    plot.addAnnotation(label);
                    offScale.add(s.config().name());
                }
            }
            yAxis.setRange(0, upper);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
