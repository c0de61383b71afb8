package dev.continuo.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCsvTest {

    private static final GanTrainer.IterationLosses LOSSES = new GanTrainer.IterationLosses(1, 2, 3, 4, 5);

    @TempDir
    Path dir;

    private List<Integer> iterations(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(line -> Integer.parseInt(line.split(",")[0])).toList();
    }

    @Test
    void aResumedRunKeepsTheRowsUpToItsCheckpointAndDropsLaterAndHalfWrittenOnes() throws Exception {
        Path csv = dir.resolve(TrainingCsv.NAME);
        TrainingCsv.start(csv);
        for (int iteration = 100; iteration <= 300; iteration += 100) {
            TrainingCsv.append(csv, iteration, iteration / 10.0, LOSSES, Map.of());
        }
        Files.writeString(csv, "400,40.0,1.0", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        assertEquals(2, TrainingCsv.keepUpTo(csv, 200), "the row written after the checkpoint and the half line");
        assertEquals(List.of(100, 200), iterations(csv));
        TrainingCsv.append(csv, 300, 30.0, LOSSES, Map.of());
        assertEquals(List.of(100, 200, 300), iterations(csv), "each iteration once");
        assertEquals(0, TrainingCsv.keepUpTo(csv, 300));
    }

    @Test
    void aMissingFileIsStartedAndStartReplacesAnEarlierRun() throws Exception {
        Path csv = dir.resolve(TrainingCsv.NAME);
        assertEquals(0, TrainingCsv.keepUpTo(csv, 500));
        assertEquals(List.of(), iterations(csv));
        TrainingCsv.append(csv, 100, 1.0, LOSSES, Map.of());
        TrainingCsv.start(csv);
        assertEquals(1, Files.readAllLines(csv).size(), "the header alone");
    }

    @Test
    void aFileOfAnEarlierVersionWithFewerColumnsKeepsItsHeaderAndRows() throws Exception {
        Path csv = dir.resolve(TrainingCsv.NAME);
        Files.writeString(csv, "iteration,seconds,critic_loss\n100,1.0,0.5\n200,2.0,0.4\n300,3.0,0.3\n");
        assertEquals(1, TrainingCsv.keepUpTo(csv, 200));
        assertEquals(List.of("iteration,seconds,critic_loss", "100,1.0,0.5", "200,2.0,0.4"), Files.readAllLines(csv));
    }
}
