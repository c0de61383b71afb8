package dev.continuo.bridge.studio;

import dev.continuo.engine.preset.PresetManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A training run as the training page asks for it: {@code continuo train}'s data, name and hyperparameters, in one
 * process or, with a Spark master, data-parallel on a cluster ({@code continuo train --master}).
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
 * @param replace              start over where an earlier run of that name was trained ({@code train --force})
 * @param master               a Spark master URL (local[N], spark://HOST:PORT, yarn, k8s://…), or blank for one
 *                             process here
 * @param shares               on a cluster: replicas, each computing its share of every batch
 */
public record TrainingRequest(String data, String preset, int iterations, double learningRate, int updateRatio,
        int batch, double reconstructionWeight, long seed, int checkpointEvery, boolean resume, boolean replace,
        String master, int shares) {

    private static final Pattern MASTER = Pattern.compile("local(\\[(\\*|[1-9][0-9]{0,2})(,[1-9][0-9]?)?])?"
            + "|spark://[A-Za-z0-9.-]+(:[0-9]{1,5})?(,[A-Za-z0-9.-]+(:[0-9]{1,5})?)*|yarn"
            + "|k8s://https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    /** Whether the run goes to a Spark master. */
    boolean onCluster() {
        return master != null && !master.isBlank();
    }

    /**
     * The arguments of {@code continuo train} for this request (those of the cluster jar's {@code train --master}
     * when {@link #onCluster()}).
     *
     * @throws IllegalArgumentException with a one-line reason for a missing data path, a bad name or master
     */
    List<String> arguments() {
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("name the training data: a folder of MIDI files or the JSB file");
        }
        if (!PresetManifest.isValidName(preset)) {
            throw new IllegalArgumentException("a preset name is 1-40 lower-case letters, digits and dashes, not \""
                    + preset + "\"");
        }
        if (onCluster()) {
            return clusterArguments();
        }
        List<String> args = new ArrayList<>(List.of("train", "--data", data.strip(), "--preset", preset,
                "--iterations", Integer.toString(iterations), "--lr", number(learningRate),
                "--update-ratio", Integer.toString(updateRatio), "--batch", Integer.toString(batch),
                "--reconstruction-weight", number(reconstructionWeight), "--seed", Long.toString(seed),
                "--checkpoint-every", Integer.toString(checkpointEvery)));
        if (resume) {
            args.add("--resume");
        } else if (replace) {
            args.add("--force");
        }
        return args;
    }

    /** The cluster's {@code train} takes the hyperparameters as {@code --set KEY=VALUE}, with the sweeps' keys. */
    private List<String> clusterArguments() {
        String url = master.strip();
        if (!MASTER.matcher(url).matches()) {
            throw new IllegalArgumentException("a Spark master is local[N], spark://HOST:PORT, yarn or "
                    + "k8s://https://HOST:PORT, not \"" + url.replaceAll("[^\\x20-\\x7e]", "?") + "\"");
        }
        if (shares < 1 || batch % shares != 0) {
            throw new IllegalArgumentException("the shares must divide the batch (" + batch + "), not " + shares);
        }
        List<String> args = new ArrayList<>(List.of("train", "--master", url, "--shares", Integer.toString(shares),
                "--data", data.strip(), "--preset", preset, "--iterations", Integer.toString(iterations),
                "--checkpoint-every", Integer.toString(checkpointEvery), "--set", "lr=" + number(learningRate),
                "--set", "update-ratio=" + updateRatio, "--set", "batch=" + batch,
                "--set", "reconstruction-weight=" + number(reconstructionWeight), "--set", "seed=" + seed));
        if (resume) {
            args.add("--resume");
        } else if (replace) {
            args.add("--force");
        }
        return args;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
