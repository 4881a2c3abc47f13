package org.dropoutrepro.report;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a chart as an SVG file. The ids inside the file derive from its name, not from a random prefix, so
 * re-rendering a report from the same results gives the same bytes (a clean diff in version control).
 */
public final class SvgFile {

    private SvgFile() {
    }

    public static void write(JFreeChart chart, int width, int height, Path file) throws IOException {
        SVGGraphics2D graphics = new SVGGraphics2D(width, height);
        graphics.setDefsKeyPrefix(file.getFileName().toString().replaceAll("[^A-Za-z0-9]", "_") + "_");
        chart.draw(graphics, new Rectangle(0, 0, width, height));
        Files.writeString(file, graphics.getSVGDocument(), StandardCharsets.UTF_8);
    }
}
