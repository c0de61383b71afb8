package dev.continuo.engine.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingChartsTest {

    @Test
    void drawsLossAndMetricChartsFromTheCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("training.csv");
        Files.writeString(csv, """
                iteration,seconds,critic_loss,wasserstein,gradient_penalty,generator_loss,reconstruction,empty_bar_rate,in_scale,beat_consonance,pitches_used,chord_agreement
                100,10.0,-1.5,2.0,0.1,3.0,0.05,0.1,0.8,0.7,12,0.3
                200,20.0,-0.5,1.0,0.05,2.0,0.04,0.05,0.9,0.8,18,NaN
                """);
        TrainingCharts.write(csv, Map.of("in_scale", 0.92, "beat_consonance", 0.88));
        for (String name : new String[] {"losses.png", "metrics.png"}) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertTrue(image.getWidth() == 900 && image.getHeight() == 500, name);
        }
    }
}
