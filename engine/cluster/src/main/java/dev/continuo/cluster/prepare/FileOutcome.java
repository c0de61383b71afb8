package dev.continuo.cluster.prepare;

import java.io.Serializable;

/**
 * What one source file gave: its example's {@code ExampleCodec} bytes, or the reason it was skipped.
 *
 * @param name    the file's path (without the {@code file:} scheme for local files), as the local reader names it
 * @param example the example's bytes, or null if skipped
 * @param reason  why it was skipped, or null
 */
record FileOutcome(String name, byte[] example, String reason) implements Serializable {

    static FileOutcome usable(String name, byte[] example) {
        return new FileOutcome(name, example, null);
    }

    static FileOutcome skipped(String name, String reason) {
        return new FileOutcome(name, null, reason);
    }

    boolean isUsable() {
        return example != null;
    }
}
