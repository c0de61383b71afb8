package dev.continuo.bridge.cli;

import dev.continuo.bridge.studio.AccessGuard;
import dev.continuo.bridge.studio.EngineLink;
import dev.continuo.bridge.studio.PresetList;
import dev.continuo.bridge.studio.StudioGenerator;
import dev.continuo.bridge.studio.StudioServer;
import dev.continuo.bridge.studio.TrainingJobs;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.nio.file.Path;

/** Starts Continuo Studio on 127.0.0.1 with the user's presets, for {@code continuo studio} and {@code serve --studio}. */
final class StudioStarter {

    private static final int MAX_PORT = 65_535;

    private StudioStarter() {
    }

    /**
     * @param port   the port, or 0 for a free one
     * @param option the option that gave the port, for the error
     * @param engine the engine the live page shows
     * @throws BadInputException with a one-line reason if the port is out of range, taken, or the presets unreadable
     */
    static StudioServer start(int port, String option, EngineLink engine) throws BadInputException {
        if (port < 0 || port > MAX_PORT) {
            throw new BadInputException(option + " takes 0-" + MAX_PORT + ", not " + port);
        }
        PresetCatalog catalog = new PresetCatalog(PresetLocations.userPresets());
        PresetList presets = new PresetList(catalog);
        StudioGenerator generator = new StudioGenerator(catalog);
        try {
            presets.all(); // read once now, so that the page loads at once
        } catch (IOException e) {
            throw new BadInputException("cannot list the presets: " + e.getMessage());
        }
        try {
            return StudioServer.start(port, AccessGuard.randomToken(), generator, presets,
                    new TrainingJobs(PresetLocations.userPresets(), clusterJar(), generator::reloadPresets), engine);
        } catch (RuntimeException e) {
            throw new BadInputException("cannot listen on 127.0.0.1:" + port + ": " + rootMessage(e));
        }
    }

    /** Where {@code ./continuo} says the cluster jar is (a source build), or null (a package carries none). */
    private static Path clusterJar() {
        String jar = System.getProperty("continuo.cluster");
        return jar == null ? null : Path.of(jar);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
