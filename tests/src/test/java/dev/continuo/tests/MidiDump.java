package dev.continuo.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Events captured by {@code jack_midi_dump -a}: frame (the dump client's own count) and bytes. */
record MidiDump(List<Event> events) {

    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+):((?: [0-9a-f]{2})+)");

    record Event(long frame, int[] bytes) {
        int status() {
            return bytes[0];
        }

        int channel() {
            return bytes[0] & 0x0F;
        }

        boolean noteOn() {
            return (bytes[0] & 0xF0) == 0x90 && bytes.length > 2 && bytes[2] > 0;
        }

        boolean noteOff() {
            return (bytes[0] & 0xF0) == 0x80 || (bytes[0] & 0xF0) == 0x90 && bytes.length > 2 && bytes[2] == 0;
        }

        boolean controller(int number) {
            return (bytes[0] & 0xF0) == 0xB0 && bytes[1] == number;
        }

        int pitch() {
            return bytes[1];
        }
    }

    static MidiDump read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                String[] hex = matcher.group(2).trim().split(" ");
                int[] bytes = new int[hex.length];
                for (int i = 0; i < hex.length; i++) {
                    bytes[i] = Integer.parseInt(hex[i], 16);
                }
                events.add(new Event(Long.parseLong(matcher.group(1)), bytes));
            }
        }
        return new MidiDump(events);
    }

    List<Event> noteOns() {
        return events.stream().filter(Event::noteOn).toList();
    }

    /** Notes switched on and never switched off, as "channel/pitch" → count. */
    Map<String, Integer> hangingNotes() {
        Map<String, Integer> sounding = new HashMap<>();
        for (Event event : events) {
            String key = (event.channel() + 1) + "/" + (event.bytes().length > 1 ? event.pitch() : -1);
            if (event.noteOn()) {
                sounding.merge(key, 1, Integer::sum);
            } else if (event.noteOff()) {
                sounding.computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null);
            }
        }
        return sounding;
    }

    /**
     * Notes left sounding: switched on and neither switched off nor ended by All Notes Off (CC 123) on their channel.
     *
     * @param hanging "channel/pitch" → count of the notes left sounding that the recording should show ended
     * @param cutOff  notes switched on less than the settling time before the recording's last event: a recording
     *                cut short (its server killed) cannot show their note-offs
     */
    record Sounding(Map<String, Integer> hanging, int cutOff) {
    }

    /** Notes left sounding, those within {@code settleFrames} of the last event counted as cut off. */
    Sounding notesLeftSounding(long settleFrames) {
        Map<Integer, ArrayDeque<Long>> onsets = new HashMap<>();
        for (Event event : events) {
            int key = event.channel() << 7 | (event.bytes().length > 1 ? event.pitch() : 0);
            if (event.noteOn()) {
                onsets.computeIfAbsent(key, k -> new ArrayDeque<>()).add(event.frame());
            } else if (event.noteOff() && onsets.containsKey(key)) {
                onsets.get(key).poll();
            } else if (event.controller(123)) {
                onsets.keySet().stream().filter(k -> k >> 7 == event.channel()).forEach(k -> onsets.get(k).clear());
            }
        }
        long last = events.isEmpty() ? 0 : events.get(events.size() - 1).frame();
        Map<String, Integer> hanging = new HashMap<>();
        int cutOff = 0;
        for (Map.Entry<Integer, ArrayDeque<Long>> entry : onsets.entrySet()) {
            for (long frame : entry.getValue()) {
                if (last - frame < settleFrames) {
                    cutOff++;
                } else {
                    hanging.merge(((entry.getKey() >> 7) + 1) + "/" + (entry.getKey() & 0x7F), 1, Integer::sum);
                }
            }
        }
        return new Sounding(hanging, cutOff);
    }
}
