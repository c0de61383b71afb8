package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;

/** A {@link PhraseHistory.Entry} in the control protocol's JSON ({@link ControlCommands}'s {@code phrases}). */
final class PhraseJson {

    private PhraseJson() {
    }

    static void write(ObjectNode node, PhraseHistory.Entry entry, int bars) {
        node.put("sequence", entry.sequence());
        node.put("phrase", entry.phrase());
        node.put("bookIndex", entry.bookIndex());
        node.put("bars", bars);
        node.put("steps", entry.melody().steps());
        ArrayNode parts = node.putArray("parts");
        part(parts.addObject(), entry.melody());
        entry.parts().forEach(part -> part(parts.addObject(), part));
    }

    private static void part(ObjectNode node, Part part) {
        node.put("name", part.name());
        node.put("channel", part.channel());
        node.put("program", part.program());
        ArrayNode notes = node.putArray("notes");
        for (Note note : part.notes()) {
            notes.addArray().add(note.pitch()).add(note.startStep()).add(note.lengthSteps()).add(note.velocity());
        }
    }
}
