package dev.continuo.engine.training;

import dev.continuo.engine.files.AtomicFiles;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a training run's {@code training.csv} as PNG charts beside it, like DeepComposer's console: the losses, and
 * each sample metric over the iterations against the real accompaniment's value (a dashed line).
 */
public final class TrainingCharts {

    private static final java.awt.Color[] PALETTE = {new java.awt.Color(0xD6, 0x27, 0x28),
        new java.awt.Color(0x1F, 0x77, 0xB4), new java.awt.Color(0x2C, 0xA0, 0x2C), new java.awt.Color(0xFF, 0x7F, 0x0E),
        new java.awt.Color(0x94, 0x67, 0xBD)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private TrainingCharts() {
    }

    /**
     * Loads the drawing classes now. Java2D registers shutdown hooks when first used, which fails once the JVM is
     * shutting down — exactly when a stopped training run draws its last charts — so runs call this at start.
     */
    public static void initialize() {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = ChartFactory.createXYLineChart("", "", "", new XYSeriesCollection());
        chart.createBufferedImage(8, 8);
        javax.imageio.ImageIO.getImageWritersByFormatName("png").hasNext();
    }

    /**
     * Writes {@code losses.png} and {@code metrics.png} into the CSV's folder.
     *
     * @param reference the metrics of the held-out pieces' own parts, by name
     */
    public static void write(Path csv, Map<String, Double> reference) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> lines = Files.readAllLines(csv);
        if (lines.size() < 2) {
            return;
        }
        String[] header = lines.get(0).split(",");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] row = new double[header.length];
            for (int i = 0; i < header.length; i++) {
                row[i] = i < cells.length ? parse(cells[i]) : Double.NaN;
            }
            rows.add(row);
        }
        Path folder = csv.toAbsolutePath().getParent();
        save(chart("Losses", header, rows, List.of("critic_loss", "wasserstein", "generator_loss"), Map.of()),
                folder.resolve("losses.png"));
        Map<String, Double> comparable = new java.util.HashMap<>(reference);
        comparable.remove("chord_agreement"); // the real parts agree with themselves: always 1
        comparable.remove("similarity_index"); // and are the same set: always 1
        save(chart("Sample metrics (dashed: the real accompaniment)", header, rows,
                List.of("empty_bar_rate", "in_scale", "beat_consonance", "chord_agreement", "similarity_index"),
                comparable),
                folder.resolve("metrics.png"));
    }

    private static JFreeChart chart(String title, String[] header, List<double[]> rows, List<String> columns,
            Map<String, Double> reference) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String column : columns) {
            int index = List.of(header).indexOf(column);
            if (index < 0) {
                continue;
            }
            XYSeries series = new XYSeries(column);
            for (double[] row : rows) {
                if (!Double.isNaN(row[index])) {
                    series.add(row[0], row[index]);
                }
            }
            data.addSeries(series);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int solid = data.getSeriesCount();
        for (int i = 0; i < solid; i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        for (int i = 0; i < columns.size(); i++) {
            Double value = reference.get(columns.get(i));
            if (value != null && !rows.isEmpty()) {
                XYSeries series = new XYSeries(columns.get(i) + " (real)");
                series.add(rows.get(0)[0], value);
                series.add(rows.get(rows.size() - 1)[0], value);
                data.addSeries(series);
                int index = data.getSeriesCount() - 1;
                renderer.setSeriesPaint(index, PALETTE[i % PALETTE.length]);
                renderer.setSeriesStroke(index, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        1f, new float[] {6f, 4f}, 0f));
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "iteration", "", data);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        plot.setRenderer(renderer);
        return chart;
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        AtomicFiles.write(file, temp -> ChartUtils.saveChartAsPNG(temp.toFile(), chart, WIDTH, HEIGHT));
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
