package dev.continuo.bridge.service;

import java.nio.file.Path;

/** Where a {@link UserService} keeps its definition: the file, and the user folder it lives under. */
abstract class ServiceDefinitionFile implements UserService {

    private final Path file;
    private final Path root;

    ServiceDefinitionFile(Path file, Path root) {
        this.file = file;
        this.root = root;
    }

    @Override
    public final Path file() {
        return file;
    }

    @Override
    public final Path root() {
        return root;
    }
}
