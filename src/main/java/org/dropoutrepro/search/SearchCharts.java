package org.dropoutrepro.search;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dropoutrepro.train.EpochMetrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.dropoutrepro.report.SvgFile;

/**
 * The search report's plots, after Optuna's visualisations, drawn with JFreeChart and saved as SVG: optimisation
 * history, one slice per parameter, a heat map of two parameters, and the trials' validation curves (pruned
 * and diverged ones marked, each in its own way: a diverged trial's partial curve ends where its loss became NaN
 * or infinite, not where the median rule stopped it). One method per plot over the list of finished trials.
 */
final class SearchCharts {

    private static final Color COMPLETED = new Color(0x1f77b4);
    private static final Color PRUNED = new Color(0xaaaaaa);
    private static final Color BEST = new Color(0xd62728);
    private static final Color DIVERGED = new Color(0xff7f0e);

    /** How a finished trial is drawn: by its status; a failed trial has no objective and is not drawn. */
    enum Kind { COMPLETED, PRUNED, DIVERGED, FAILED }

    static Kind kind(TrialRecord trial) {
        return switch (trial.status()) {
            case TrialRecord.COMPLETED -> Kind.COMPLETED;
            case TrialRecord.PRUNED -> Kind.PRUNED;
            case TrialRecord.DIVERGED -> Kind.DIVERGED;
            default -> Kind.FAILED;
        };
    }

    /** Completed, pruned and diverged trials as three series, in that order. */
    private record ByKind(XYSeries completed, XYSeries pruned, XYSeries diverged) {
        ByKind(String prunedName, String divergedName) {
            this(new XYSeries("completed"), new XYSeries(prunedName), new XYSeries(divergedName));
        }

        void add(TrialRecord trial, double x, double y) {
            switch (kind(trial)) {
                case COMPLETED -> completed.add(x, y);
                case PRUNED -> pruned.add(x, y);
                case DIVERGED -> diverged.add(x, y);
                case FAILED -> { }
            }
        }

        /** Adds the three series to {@code data} and colours them from {@code renderer}'s first index on. */
        void addTo(XYSeriesCollection data, XYLineAndShapeRenderer renderer) {
            data.addSeries(completed);
            data.addSeries(pruned);
            data.addSeries(diverged);
            renderer.setSeriesPaint(0, COMPLETED);
            renderer.setSeriesPaint(1, PRUNED);
            renderer.setSeriesPaint(2, DIVERGED);
        }
    }

    private SearchCharts() {
    }

    /** A parameter's axis: its key, whether it is on a log scale, and for listed values their labels (null for a range). */
    record Axis(String key, boolean log, List<String> labels) {
        double position(Object value, List<Object> values) {
            if (labels != null) return values.indexOf(value);
            return ((Number) value).doubleValue();
        }

        ValueAxis axis() {
            if (labels != null) return new SymbolAxis(key, labels.toArray(new String[0]));
            if (log) {
                LogAxis axis = new LogAxis(key + " (log scale)");
                axis.setSmallestValue(1e-12);
                axis.setNumberFormatOverride(new java.text.DecimalFormat("0.####"));
                return axis;
            }
            NumberAxis axis = new NumberAxis(key);
            axis.setAutoRangeIncludesZero(false);
            return axis;
        }
    }

    /** Each trial's objective against its number, and the best so far. */
    static void history(Path file, List<TrialRecord> trials) throws IOException {
        ByKind points = new ByKind("pruned (error when stopped)", "diverged (error at its last whole epoch)");
        XYSeries best = new XYSeries("best so far");
        double bestSoFar = Double.NaN;
        for (TrialRecord t : trials) {
            if (t.validationError() == null) continue;
            points.add(t, t.trial(), percent(t.validationError()));
            if (t.completed() && (Double.isNaN(bestSoFar) || percent(t.validationError()) < bestSoFar)) bestSoFar = percent(t.validationError());
            if (!Double.isNaN(bestSoFar)) best.add(t.trial(), bestSoFar);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        points.addTo(data, renderer);
        data.addSeries(best);
        for (int series = 0; series < 3; series++) renderer.setSeriesLinesVisible(series, false);
        renderer.setSeriesShapesVisible(3, false);
        renderer.setSeriesPaint(3, BEST);
        renderer.setSeriesStroke(3, new BasicStroke(2f));
        NumberAxis x = new NumberAxis("trial");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        save(file, "Optimisation history", new XYPlot(data, x, yAxis(), renderer), true);
    }

    /** The objective against one parameter's value. */
    static void slice(Path file, Axis axis, List<Object> values, List<TrialRecord> trials) throws IOException {
        ByKind points = new ByKind("pruned", "diverged");
        for (TrialRecord t : trials) {
            Object value = t.values().get(axis.key());
            if (t.validationError() == null || (value == null && axis.labels() == null)) continue;
            points.add(t, axis.position(value, values), percent(t.validationError()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        points.addTo(data, renderer);
        save(file, "Slice: " + axis.key(), new XYPlot(data, axis.axis(), yAxis(), renderer), true);
    }

    /** Completed trials placed by two parameters' values, coloured by their objective (blue low, red high). */
    static void heatMap(Path file, Axis xAxis, List<Object> xValues, Axis yAxis, List<Object> yValues, List<TrialRecord> trials)
            throws IOException {
        List<TrialRecord> completed = trials.stream().filter(t -> t.completed() && t.validationError() != null).toList();
        double[][] series = new double[3][completed.size()];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < completed.size(); i++) {
            TrialRecord t = completed.get(i);
            series[0][i] = xAxis.position(t.values().get(xAxis.key()), xValues);
            series[1][i] = yAxis.position(t.values().get(yAxis.key()), yValues);
            series[2][i] = percent(t.validationError());
            low = Math.min(low, series[2][i]);
            high = Math.max(high, series[2][i]);
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("completed trials", series);
        XYShapeRenderer renderer = new XYShapeRenderer();
        Ramp ramp = new Ramp(low, high == low ? low + 1e-9 : high);
        renderer.setPaintScale(ramp);
        renderer.setDefaultShape(new Ellipse2D.Double(-7, -7, 14, 14));
        XYPlot plot = new XYPlot(data, xAxis.axis(), yAxis.axis(), renderer);
        JFreeChart chart = chart("Validation error over " + xAxis.key() + " and " + yAxis.key(), plot, false);
        NumberAxis scaleAxis = new NumberAxis(ERROR_LABEL);
        PaintScaleLegend legend = new PaintScaleLegend(ramp, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        write(file, chart);
    }

    /** Every trial's validation error per epoch: completed in blue, pruned in grey and dashed, diverged in orange and dotted, the best in red. */
    static void curves(Path file, List<TrialRecord> trials, TrialRecord best) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f);
        BasicStroke dotted = new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1f, 3f}, 0f);
        int index = 0;
        for (TrialRecord t : trials) {
            Kind kind = kind(t);
            if (kind == Kind.FAILED) continue;
            XYSeries series = new XYSeries("trial " + t.trial() + " " + t.status());
            for (EpochMetrics m : t.epochs()) if (m.validationError() != null) series.add(m.epoch(), percent(m.validationError()));
            if (series.isEmpty()) continue;
            data.addSeries(series);
            boolean isBest = best != null && t.trial() == best.trial();
            renderer.setSeriesPaint(index, isBest ? BEST : switch (kind) {
                case PRUNED -> PRUNED;
                case DIVERGED -> DIVERGED;
                default -> COMPLETED;
            });
            renderer.setSeriesStroke(index, isBest ? new BasicStroke(2.5f) : switch (kind) {
                case PRUNED -> dashed;
                case DIVERGED -> dotted;
                default -> new BasicStroke(1f);
            });
            index++;
        }
        NumberAxis x = new NumberAxis("epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(data, x, yAxis(), renderer);
        JFreeChart chart = chart("Validation curves (blue completed, grey dashed pruned, orange dotted diverged, red the best)", plot, false);
        write(file, chart);
    }

    /** The objective's axis label: charts draw error rates in percent, as the report's tables give them. */
    static final String ERROR_LABEL = "validation error (%)";

    private static double percent(double errorRate) {
        return errorRate * 100;
    }

    private static NumberAxis yAxis() {
        NumberAxis axis = new NumberAxis(ERROR_LABEL);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static void save(Path file, String title, XYPlot plot, boolean legend) throws IOException {
        write(file, chart(title, plot, legend));
    }

    private static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        System.setProperty("java.awt.headless", "true");
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void write(Path file, JFreeChart chart) throws IOException {
        SvgFile.write(chart, 760, 460, file);
    }

    /** Blue (lowest error) to red (highest). */
    private record Ramp(double low, double high) implements PaintScale {
        @Override
        public double getLowerBound() {
            return low;
        }

        @Override
        public double getUpperBound() {
            return high;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Math.max(0, Math.min(1, (value - low) / (high - low)));
            return new Color((float) t, 0.2f, (float) (1 - t));
        }
    }
}
