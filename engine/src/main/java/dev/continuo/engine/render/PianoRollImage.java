package dev.continuo.engine.render;

import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a piano roll as a PNG: time to the right, pitch upwards, one colour per part (the first, the melody, in
 * black), each note a bar with a darker left edge where it is struck, bar lines and C rows marked. Headless.
 */
public final class PianoRollImage {

    private static final Color[] COLOURS = {new Color(30, 30, 30), new Color(214, 39, 40), new Color(31, 119, 180),
        new Color(44, 160, 44), new Color(255, 127, 14), new Color(148, 103, 189)};
    private static final int STEP_WIDTH = 4;
    private static final int ROW_HEIGHT = 4;
    private static final int MARGIN = 24;

    private PianoRollImage() {
    }

    /** Writes the roll (at most its first {@code maxSteps} steps) to a PNG file, atomically. */
    public static void write(PianoRoll roll, String title, int maxSteps, Path file) throws IOException {
        BufferedImage image = draw(roll, title, maxSteps);
        AtomicFiles.write(file, temp -> ImageIO.write(image, "png", temp.toFile()));
    }

    static BufferedImage draw(PianoRoll roll, String title, int maxSteps) {
        int steps = Math.max(1, Math.min(roll.steps(), maxSteps));
        int low = 127;
        int high = 0;
        for (Part part : roll.parts()) {
            for (Note note : part.notes()) {
                low = Math.min(low, note.pitch());
                high = Math.max(high, note.pitch());
            }
        }
        if (high < low) {
            low = 60;
            high = 72;
        }
        low -= 2;
        high += 2;
        int width = 2 * MARGIN + steps * STEP_WIDTH;
        int height = 2 * MARGIN + (high - low + 1) * ROW_HEIGHT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(235, 235, 235));
        for (int pitch = low; pitch <= high; pitch++) {
            if (pitch % 12 == 0) {
                g.fillRect(MARGIN, y(pitch, high), steps * STEP_WIDTH, ROW_HEIGHT);
            }
        }
        g.setStroke(new BasicStroke(1));
        for (int bar : roll.barStarts()) {
            if (bar < steps) {
                g.setColor(new Color(190, 190, 190));
                g.drawLine(x(bar), MARGIN, x(bar), height - MARGIN);
            }
        }
        List<Part> parts = roll.parts();
        for (int i = parts.size() - 1; i >= 0; i--) {
            Color colour = COLOURS[i % COLOURS.length];
            for (Note note : parts.get(i).notes()) {
                if (note.startStep() >= steps) {
                    continue;
                }
                int length = Math.min(note.lengthSteps(), steps - note.startStep());
                g.setColor(colour);
                g.fillRect(x(note.startStep()), y(note.pitch(), high), length * STEP_WIDTH - 1, ROW_HEIGHT - 1);
                g.setColor(colour.darker().darker());
                g.fillRect(x(note.startStep()), y(note.pitch(), high), 1, ROW_HEIGHT - 1);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int legend = MARGIN;
        g.setColor(Color.BLACK);
        g.drawString(title, MARGIN, 15);
        legend += g.getFontMetrics().stringWidth(title) + 16;
        for (int i = 0; i < parts.size(); i++) {
            String name = parts.get(i).name().isBlank() ? "Part " + (i + 1) : parts.get(i).name();
            g.setColor(COLOURS[i % COLOURS.length]);
            g.drawString(name, legend, 15);
            legend += g.getFontMetrics().stringWidth(name) + 10;
        }
        g.dispose();
        return image;
    }

    private static int x(int step) {
        return MARGIN + step * STEP_WIDTH;
    }

    private static int y(int pitch, int high) {
        return MARGIN + (high - pitch) * ROW_HEIGHT;
    }
}
