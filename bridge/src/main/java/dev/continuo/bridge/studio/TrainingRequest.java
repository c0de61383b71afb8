package dev.continuo.bridge.studio;

import dev.continuo.engine.preset.PresetManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training run as the training page asks for it: {@code continuo train}'s data, name and hyperparameters.
 *
 * @param data                 a folder of MIDI files, or the JSB chorales' file
 * @param preset               the name of the preset to make
 * @param iterations           generator updates
 * @param learningRate         Adam's learning rate
 * @param updateRatio          critic updates per generator update
 * @param batch                windows per batch
 * @param reconstructionWeight weight of the reconstruction loss
 * @param seed                 the weights' seed
 * @param checkpointEvery      iterations between checkpoints (and sample measurements)
 * @param resume               continue from the preset's checkpoint folder
 */
public record TrainingRequest(String data, String preset, int iterations, double learningRate, int updateRatio,
        int batch, double reconstructionWeight, long seed, int checkpointEvery, boolean resume) {

    /**
     * The arguments of {@code continuo train} for this request.
     *
     * @throws IllegalArgumentException with a one-line reason for a missing data path or a bad name
     */
    List<String> arguments() {
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("name the training data: a folder of MIDI files or the JSB file");
        }
        if (!PresetManifest.isValidName(preset)) {
            throw new IllegalArgumentException("a preset name is 1-40 lower-case letters, digits and dashes, not \""
                    + preset + "\"");
        }
        List<String> args = new ArrayList<>(List.of("train", "--data", data.strip(), "--preset", preset,
                "--iterations", Integer.toString(iterations), "--lr", number(learningRate),
                "--update-ratio", Integer.toString(updateRatio), "--batch", Integer.toString(batch),
                "--reconstruction-weight", number(reconstructionWeight), "--seed", Long.toString(seed),
                "--checkpoint-every", Integer.toString(checkpointEvery)));
        if (resume) {
            args.add("--resume");
        }
        return args;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
