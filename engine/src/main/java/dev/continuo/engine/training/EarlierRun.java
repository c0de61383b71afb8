package dev.continuo.engine.training;

import dev.continuo.engine.preset.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an earlier training run left where a new one would write: its checkpoint, its {@code training.csv}, its
 * preset. A run from iteration 0 would replace them, so it has to be asked for ({@code --force}), and then the
 * earlier checkpoint goes first: a later {@code --resume} must not pair it with the new run's figures. Local and
 * Spark training share this rule.
 */
public final class EarlierRun {

    private EarlierRun() {
    }

    /**
     * Makes way for a run from iteration 0 in {@code presetDir} with checkpoints in {@code checkpointDir}.
     *
     * @return whether an earlier run was there (and, with {@code force}, its checkpoint was deleted)
     * @throws IllegalArgumentException an earlier run is there and {@code force} is not given; one line naming the
     *                                  file and the two ways on
     */
    public static boolean clear(Path presetDir, Path checkpointDir, boolean force) throws IOException {
        List<Path> earlier = Stream.of(checkpointDir.resolve(Checkpoint.PROGRESS),
                checkpointDir.resolve("training.csv"), presetDir.resolve(Preset.MANIFEST)).filter(Files::exists)
                .toList();
        if (earlier.isEmpty()) {
            return false;
        }
        if (!force) {
            throw new IllegalArgumentException(earlier.get(0) + " is there from an earlier run: add --resume to "
                    + "continue it, or --force to start over and replace it");
        }
        Checkpoint.delete(checkpointDir);
        return true;
    }
}
