package dev.continuo.bridge.service;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Removal of service definitions that leaves no empty folders behind. */
final class ServiceFiles {

    private ServiceFiles() {
    }

    /** Deletes {@code file}, then each parent folder that is left empty, stopping below {@code stopAt}. */
    static void delete(Path file, Path stopAt) throws IOException {
        Files.deleteIfExists(file);
        for (Path folder = file.getParent(); folder != null && folder.startsWith(stopAt)
                && !folder.equals(stopAt); folder = folder.getParent()) {
            try {
                if (!Files.deleteIfExists(folder)) {
                    return;
                }
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }
}
