package org.dropoutrepro.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Learning curves (mean over seeds, per configuration) drawn with JFreeChart and saved as SVG. The y axis
 * can be capped so that a configuration that did not learn does not squash the others.
 */
final class CurveChart {

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    private CurveChart() {
    }

    /**
     * The top of a y axis for curves: their highest point, or, when that is more than three times the highest final
     * value (early epochs far above where every curve ends), three times that final value, with the early epochs
     * running off the top ({@code clipped}).
     */
    record AxisTop(double top, boolean clipped) {

        static AxisTop of(Iterable<List<double[]>> curves) {
            double highest = 0;
            double settled = 0;
            for (List<double[]> curve : curves) {
                if (curve.isEmpty()) continue;
                for (double[] point : curve) highest = Math.max(highest, point[1]);
                settled = Math.max(settled, curve.get(curve.size() - 1)[1]);
            }
            return settled > 0 && highest > 3 * settled ? new AxisTop(3 * settled, true) : new AxisTop(highest, false);
        }
    }

    /**
     * Writes an SVG with, per configuration, the mean validation error (solid) and mean training error
     * (dashed) against the epoch. {@code validation} and {@code train} map a configuration name to its series of
     * (epoch, value) points; configurations without validation points draw the training curve alone.
     * {@code yTop} caps the y axis (NaN: as the data need).
     */
    static void write(Path file, String title, String yLabel, Map<String, List<double[]>> validation,
                      Map<String, List<double[]>> train, double yTop) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection dataset = new XYSeriesCollection();
        boolean withValidation = validation.values().stream().anyMatch(points -> !points.isEmpty());
        for (String name : validation.keySet()) {
            if (withValidation) dataset.addSeries(series(name + " (validation)", validation.get(name)));
            dataset.addSeries(series(name + " (training)", train.get(name)));
        }
        int perConfiguration = withValidation ? 2 : 1;
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", yLabel, dataset, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[(i / perConfiguration) % PALETTE.length]);
            renderer.setSeriesStroke(i, withValidation && i % 2 == 0 ? new BasicStroke(2f) : dashed);
        }
        plot.setRenderer(renderer);
        if (!Double.isNaN(yTop) && yTop > 0) plot.getRangeAxis().setRange(0, yTop);
        saveSvg(chart, file);
    }

    /** Draws {@code chart} at 900 x 520 into an SVG file. */
    static void saveSvg(JFreeChart chart, Path file) throws IOException {
        SvgFile.write(chart, 900, 520, file);
    }

    private static XYSeries series(String name, List<double[]> points) {
        XYSeries series = new XYSeries(name);
        for (double[] point : points) series.add(point[0], point[1]);
        return series;
    }
}
