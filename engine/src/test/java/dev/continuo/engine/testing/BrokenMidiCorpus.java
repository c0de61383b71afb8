package dev.continuo.engine.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Malformed and hostile MIDI files, each with a phrase its error message must contain. Generated here rather than
 * stored, so every case documents the exact defect it carries.
 */
public final class BrokenMidiCorpus {

    private BrokenMidiCorpus() {
    }

    /** A broken file and what the error must say about it. */
    public record Case(String fileName, byte[] bytes, String expectedPhrase) {
    }

    /** One million note events in a single track: within the JDK's abilities, beyond Continuo's limit. */
    public static byte[] millionEvents() {
        SmfBytes.Events events = SmfBytes.events().at(0, 0x90, 60, 100);
        for (int i = 1; i < 1_000_000; i++) {
            events.at(1, 60, i % 2 == 0 ? 100 : 0);
        }
        return SmfBytes.header(0, 1, 96).track(events.endOfTrack(0).bytes()).bytes();
    }

    public static Map<String, Case> all() {
        byte[] note = SmfBytes.events().at(0, 0x90, 60, 100).at(96, 0x80, 60, 0).endOfTrack(0).bytes();
        Map<String, Case> cases = new LinkedHashMap<>();
        add(cases, "empty.mid", new byte[0], "empty file");
        add(cases, "text.mid", "this is not a MIDI file\n".getBytes(), "not a Standard MIDI File");
        add(cases, "truncated-header.mid", new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1}, "truncated header");
        add(cases, "header-only.mid", SmfBytes.header(0, 1, 96).bytes().clone(), "ends after 0");
        byte[] badHeaderLength = SmfBytes.header(0, 1, 96).track(note).bytes();
        badHeaderLength[7] = 3;
        add(cases, "header-length-3.mid", badHeaderLength, "shorter than 6 bytes");
        add(cases, "zero-tracks.mid", SmfBytes.header(1, 0, 96).bytes(), "zero tracks");
        add(cases, "smpte-division.mid", SmfBytes.header(0, 1, 0xE728).track(note).bytes(), "SMPTE");
        add(cases, "truncated-track.mid", SmfBytes.header(0, 1, 96).track(note, note.length + 100).bytes(),
                "runs past the end of the file");
        add(cases, "huge-chunk-length.mid", SmfBytes.header(0, 1, 96).track(note, 0xFFFFFFFFL).bytes(),
                "runs past the end of the file");
        add(cases, "chunk-length-too-short.mid", SmfBytes.header(0, 1, 96).track(note, 2).bytes(),
                "truncated");
        add(cases, "missing-track.mid", SmfBytes.header(1, 3, 96).track(note).track(note).bytes(),
                "declares 3 tracks but the file ends after 2");
        add(cases, "running-status-without-status.mid",
                SmfBytes.header(0, 1, 96).track(SmfBytes.events().at(0, 60, 100).endOfTrack(0).bytes()).bytes(),
                "no status byte");
        add(cases, "running-status-after-meta.mid", SmfBytes.header(0, 1, 96).track(SmfBytes.events()
                .at(0, 0x90, 60, 100).at(0, 0xFF, 0x01, 1, 'x').at(10, 60, 0).endOfTrack(0).bytes()).bytes(),
                "no status byte");
        add(cases, "overlong-vlq.mid", SmfBytes.header(0, 1, 96).track(SmfBytes.events()
                .at(0, 0x90, 60, 100).raw(0x81, 0x81, 0x81, 0x81, 0x01, 0x80, 60, 0).endOfTrack(0).bytes()).bytes(),
                "over-long variable-length quantity");
        add(cases, "meta-too-long.mid", SmfBytes.header(0, 1, 96).track(SmfBytes.events()
                .at(0, 0xFF, 0x03, 0x7F, 'a').bytes()).bytes(), "declares 127 bytes");
        add(cases, "sysex-too-long.mid", SmfBytes.header(0, 1, 96).track(SmfBytes.events()
                .at(0, 0xF0, 0x81, 0x00, 0x7E).bytes()).bytes(), "declares 128 bytes");
        add(cases, "system-realtime-in-file.mid", SmfBytes.header(0, 1, 96).track(SmfBytes.events()
                .at(0, 0xF8).endOfTrack(0).bytes()).bytes(), "not allowed in a MIDI file");
        add(cases, "status-byte-as-data.mid", SmfBytes.header(0, 1, 96).track(SmfBytes.events()
                .at(0, 0x90, 0x90, 100).endOfTrack(0).bytes()).bytes(), "where a data byte");
        add(cases, "format-2.mid", SmfBytes.header(2, 1, 96).track(note).bytes(), "format 2");
        add(cases, "no-notes.mid", SmfBytes.header(0, 1, 96).track(SmfBytes.events()
                .at(0, 0xFF, 0x51, 3, 0x07, 0xA1, 0x20).endOfTrack(0).bytes()).bytes(), "contains no notes");
        add(cases, "too-long.mid", SmfBytes.header(0, 1, 1).track(SmfBytes.events()
                .at(0, 0x90, 60, 100).at(0x0FFFFFFF, 0x80, 60, 0).endOfTrack(0).bytes()).bytes(), "steps");
        return cases;
    }

    private static void add(Map<String, Case> cases, String name, byte[] bytes, String phrase) {
        cases.put(name, new Case(name, bytes, phrase));
    }
}
