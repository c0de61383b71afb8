package dev.continuo.cluster.sweep;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A sweep's results as a bar chart: per setting, the held-out chord agreement and similarity index (higher is
 * better) and the distance to the real figures (lower is better). A run that did not finish has no bars; its label
 * says why.
 */
public final class SweepChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private SweepChart() {
    }

    /** Writes the chart as a PNG file. */
    public static void write(List<RunResult> results, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunResult result : results) {
            String label = label(result);
            data.addValue(result.finished() ? result.chordAgreement() : null, "chord agreement", label);
            data.addValue(result.finished() ? result.distance() : null, "distance to the real figures", label);
            data.addValue(result.finished() ? result.similarity() : null, "similarity index", label);
        }
        JFreeChart chart = ChartFactory.createBarChart("Sweep: held-out figures per setting", "", "", data);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, new Color(0x1F, 0x77, 0xB4));
        renderer.setSeriesPaint(1, new Color(0xFF, 0x7F, 0x0E));
        renderer.setSeriesPaint(2, new Color(0x2C, 0xA0, 0x2C));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static String label(RunResult result) {
        String setting = result.setting().entrySet().stream().map(Map.Entry::toString)
                .collect(Collectors.joining(" "));
        return result.run() + ": " + setting + (result.finished() ? ""
                : " (" + result.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
