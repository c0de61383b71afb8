package dev.continuo.cluster.prepare;

import java.io.Serializable;

/**
 * A MIDI file as the driver listed it.
 *
 * @param uri   where executors read it
 * @param name  its path without the {@code file:} scheme for local files (as the local reader names it), else its
 *              URI
 * @param bytes its length
 */
record SourceFile(String uri, String name, long bytes) implements Serializable {
}
