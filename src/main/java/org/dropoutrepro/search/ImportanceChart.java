package org.dropoutrepro.search;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Map;
import org.dropoutrepro.report.SvgFile;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The search report's parameter-importance plot, after Optuna's {@code plot_param_importances}: one horizontal
 * bar per searched key, the most important on top, each bar the key's share of the random forest's decrease in
 * impurity ({@link Importance}). Drawn with JFreeChart and saved as SVG, as the other search plots.
 */
final class ImportanceChart {

    private static final Color BAR = new Color(0x1f77b4);

    private ImportanceChart() {
    }

    /**
     * Draws {@code importance} (key to share, summing to 1, in the order to draw the bars: the most important first) fitted to
     * {@code completedTrials} trials into {@code file}.
     */
    static void write(Path file, Map<String, Double> importance, int completedTrials) throws IOException {
        SvgFile.write(chart(importance, completedTrials), 760, Math.max(240, 120 + 60 * importance.size()), file);
    }

    static JFreeChart chart(Map<String, Double> importance, int completedTrials) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        importance.forEach((key, share) -> data.addValue(share, "importance", key));
        NumberAxis share = new NumberAxis("share of the forest's decrease in impurity");
        share.setRange(0, 1);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, BAR);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.00")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("searched key"), share, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = new JFreeChart("Parameter importance (random forest on " + completedTrials + " completed trials)",
                new Font("SansSerif", Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
