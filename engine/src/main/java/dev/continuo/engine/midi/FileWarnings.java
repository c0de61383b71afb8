package dev.continuo.engine.midi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warnings of reading one file: the first {@value #SHOWN} are logged, the rest only counted and summed up in one
 * line at the end, so that a file full of malformed events cannot flood the terminal.
 */
final class FileWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(MidiFileReader.class);
    static final int SHOWN = 10;

    private final String source;
    private int count;

    FileWarnings(String source) {
        this.source = source;
    }

    /** Logs "{source}: {what}" unless {@value #SHOWN} warnings were logged already. */
    void warn(String what) {
        count++;
        if (count <= SHOWN) {
            LOG.warn("{}: {}", source, what);
        }
    }

    /** Logs how many warnings were not shown, if any. */
    void summarize() {
        if (count > SHOWN) {
            LOG.warn("{}: {} more such events ignored", source, count - SHOWN);
        }
    }
}
