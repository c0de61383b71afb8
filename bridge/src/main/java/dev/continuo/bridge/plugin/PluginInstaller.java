package dev.continuo.bridge.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the built plug-in bundles into the folders hosts search for the current user, and takes them out again.
 * A bundle is copied beside its destination first and then renamed into place, so a host scanning meanwhile sees
 * the old bundle or the new one, never half of one; only files and folders are copied (a link in a bundle is
 * refused). A bundle is a folder (LV2, VST3) or one file (CLAP).
 */
public final class PluginInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(PluginInstaller.class);

    /** What happened to one format. */
    public record Outcome(PluginFormat format, Path bundle, String what) {
    }

    private final Path plugins;
    private final Path home;

    /**
     * @param plugins the folder holding the built bundles ({@link PluginFormat#builtIn})
     * @param home    the user's home folder
     */
    public PluginInstaller(Path plugins, Path home) {
        this.plugins = plugins;
        this.home = home;
    }

    /**
     * Installs every format that was built (into {@code into} if given, else each format's user folder).
     *
     * @throws NoSuchFileException if none was built
     * @throws IOException         if a copy fails (the bundle in place then stays as it was)
     */
    public List<Outcome> install(Path into) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (PluginFormat format : PluginFormat.values()) {
            Path built = format.builtIn(plugins);
            if (!Files.exists(built)) {
                outcomes.add(new Outcome(format, built, "not built"));
                continue;
            }
            Path target = (into != null ? into : format.userFolder(home)).resolve(format.bundleName());
            replace(built, target);
            LOG.info("Installed the {} plug-in: {}", format.title(), target);
            outcomes.add(new Outcome(format, target, "installed"));
        }
        if (outcomes.stream().noneMatch(outcome -> outcome.what().equals("installed"))) {
            throw new NoSuchFileException(plugins.toString(), null,
                    "no plug-in was built there (mvn package builds them on Linux)");
        }
        return outcomes;
    }

    /** Removes the bundles from the user folders (or {@code from}); says which were there. */
    public List<Outcome> uninstall(Path from) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (PluginFormat format : PluginFormat.values()) {
            Path target = (from != null ? from : format.userFolder(home)).resolve(format.bundleName());
            boolean present = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            delete(target);
            if (present) {
                LOG.info("Removed the {} plug-in: {}", format.title(), target);
            }
            outcomes.add(new Outcome(format, target, present ? "removed" : "not installed"));
        }
        return outcomes;
    }

    /** Where each format is built and whether the user has it installed. */
    public List<Outcome> status(Path in) {
        List<Outcome> outcomes = new ArrayList<>();
        for (PluginFormat format : PluginFormat.values()) {
            Path target = (in != null ? in : format.userFolder(home)).resolve(format.bundleName());
            boolean built = Files.exists(format.builtIn(plugins));
            String what = (Files.exists(target) ? "installed" : "not installed") + (built ? ""
                    : "; not built in " + plugins);
            outcomes.add(new Outcome(format, target, what));
        }
        return outcomes;
    }

    private static void replace(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path fresh = target.resolveSibling(target.getFileName() + ".new-" + ProcessHandle.current().pid());
        Path old = target.resolveSibling(target.getFileName() + ".old-" + ProcessHandle.current().pid());
        delete(fresh);
        try {
            copyTree(source, fresh);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            delete(fresh);
            delete(old);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isSymbolicLink(file)) {
                    throw new IOException("a link in the plug-in bundle: " + file);
                } else if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (Files.isRegularFile(file)) {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                } else {
                    throw new IOException("neither a file nor a folder in the plug-in bundle: " + file);
                }
            }
        }
    }

    private static void delete(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
