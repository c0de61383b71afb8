package dev.continuo.bridge.backend;

import java.util.Locale;

/** The MIDI backends Continuo knows, with stable ids used on the command line and in the config. */
public enum BackendKind {
    JACK("jack", "JACK Audio Connection Kit (Linux, macOS, Windows)");

    private final String id;
    private final String description;

    BackendKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Looks a backend up by its id, ignoring case. */
    public static BackendKind byId(String id) {
        for (BackendKind kind : values()) {
            if (kind.id.equals(id.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown backend \"" + id + "\"; known: " + ids());
    }

    /** The ids of all backends, comma-separated. */
    public static String ids() {
        StringBuilder ids = new StringBuilder();
        for (BackendKind kind : values()) {
            ids.append(ids.length() == 0 ? "" : ", ").append(kind.id);
        }
        return ids.toString();
    }
}
