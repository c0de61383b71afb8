package dev.continuo.bridge.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File operations for service definitions: atomic writes, and removal that leaves no empty folders behind. */
final class ServiceFiles {

    private ServiceFiles() {
    }

    static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
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
