package dev.continuo.engine.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetTest {

    @TempDir
    Path dir;

    private String loadError() {
        return assertThrows(CorruptWeightsException.class, () -> Preset.load(dir)).getMessage();
    }

    @Test
    void aManifestsOwnBytesReachTheMessageAsOnePrintableLine() {
        // Found by PresetManifestFuzzTest: the parser quotes the bad token, control characters and all.
        String message = assertThrows(CorruptWeightsException.class,
                () -> Preset.readManifest("{\"name\": abc\u001b[2J\ndef}".getBytes(StandardCharsets.UTF_8),
                        "preset.json")).getMessage();
        assertTrue(message.startsWith("preset.json: not a valid preset manifest (Unrecognized token 'abc?'"),
                message);
        assertTrue(message.chars().allMatch(c -> c >= 0x20), message);
    }

    @Test
    void damagedManifestsAreNamedWithTheProblem() throws Exception {
        TinyModels.preset(1).save(dir);
        Path manifest = dir.resolve(Preset.MANIFEST);
        String good = Files.readString(manifest);

        Files.writeString(manifest, "{ not json");
        assertTrue(loadError().startsWith(manifest + ": not a valid preset manifest"), loadError());

        Files.writeString(manifest, good.replace("\"name\" : \"tiny\"", "\"name\" : \"Bad Name!\""));
        assertTrue(loadError().contains("preset name must be"), loadError());

        Files.writeString(manifest, good.replace("\"channel\" : 5", "\"channel\" : 17"));
        assertTrue(loadError().contains("MIDI channel out of range 1..16: 17"), loadError());
    }

    @Test
    void beatChordsTravelAsTriplesAndDamagedOnesAreRefused() throws Exception {
        Preset tiny = TinyModels.preset(1);
        PresetManifest m = tiny.manifest();
        Decoding chords = m.decoding().withChords(1.5, java.util.List.of(new BeatChord(1, 0x91, 7)));
        new Preset(new PresetManifest(m.name(), m.description(), m.architecture(), m.parts(), chords, m.training(),
                m.metrics()), tiny.weights()).save(dir);
        Path manifest = dir.resolve(Preset.MANIFEST);
        String good = Files.readString(manifest);
        assertTrue(good.replaceAll("\\s", "").contains("\"beatChords\":[[1,145,7]]"), good);
        assertEquals(chords, Preset.load(dir).manifest().decoding());

        Files.writeString(manifest, good.replaceAll("\\[\\s*1,\\s*145,\\s*7\\s*]", "[1, 0, 7]"));
        assertTrue(loadError().contains("a beat chord needs pitch-class sets 0-4095 (parts not empty)"), loadError());

        Files.writeString(manifest, good.replace("\"chordWeight\" : 1.5", "\"chordWeight\" : -1"));
        assertTrue(loadError().contains("chord weight out of range 0..10: -1.0"), loadError());
    }

    @Test
    void progressionsTravelWithThePresetAndDamagedOnesAreRefused() throws Exception {
        Preset tiny = TinyModels.preset(1);
        PresetManifest m = tiny.manifest();
        long[][][] transitions = {{{2, 5}, {4, 0}}, {{1, 1}, {0, 3}}, {{7, 1}, {1, 6}}};
        Decoding path = m.decoding().withProgression(new ChordProgression(new int[] {0x91, 0x884},
                new long[][] {new long[12], new long[12]}, transitions, new long[] {3, 1}, 3, 30));
        new Preset(new PresetManifest(m.name(), m.description(), m.architecture(), m.parts(), path, m.training(),
                m.metrics()), tiny.weights()).save(dir);
        Path manifest = dir.resolve(Preset.MANIFEST);
        String good = Files.readString(manifest);
        assertEquals(path, Preset.load(dir).manifest().decoding());
        assertTrue(Preset.load(dir).manifest().decoding().followsProgression());

        Files.writeString(manifest, good.replaceAll("\"starts\"\\s*:\\s*\\[\\s*3,\\s*1\\s*]", "\"starts\" : [3]"));
        assertTrue(loadError().contains("a progression needs a start count of at least 0 per chord"), loadError());

        Files.writeString(manifest, good.replace("\"voicingWeight\" : 30.0", "\"voicingWeight\" : 1e9"));
        assertTrue(loadError().contains("a progression's weights must lie in 0..100"), loadError());
    }

    @Test
    void aManifestWithoutBeatChordsDecodesEachPartAlone() throws Exception {
        TinyModels.preset(1).save(dir);
        Path manifest = dir.resolve(Preset.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replaceAll(",\\s*\"chordWeight\"[^,]*", "")
                .replaceAll(",\\s*\"beatChords\"\\s*:\\s*\\[\\s*]", ""));
        Decoding decoding = Preset.load(dir).manifest().decoding();
        assertEquals(0, decoding.chordWeight());
        assertEquals(java.util.List.of(), decoding.beatChords());
        assertFalse(decoding.voicesChords());
        assertFalse(decoding.followsProgression());
    }

    @Test
    void weightsOfAnotherShapeOrDamagedWeightsAreRefused() throws Exception {
        TinyModels.preset(1).save(dir);
        Path manifest = dir.resolve(Preset.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"baseFilters\" : 8", "\"baseFilters\" : 16"));
        assertTrue(loadError().contains("does not fit the architecture"), loadError());

        TinyModels.preset(1).save(dir);
        byte[] weights = Files.readAllBytes(dir.resolve(Preset.WEIGHTS));
        weights[100] ^= 1;
        Files.write(dir.resolve(Preset.WEIGHTS), weights);
        assertTrue(loadError().contains("checksum mismatch"), loadError());

        Files.delete(dir.resolve(Preset.WEIGHTS));
        assertTrue(loadError().contains("cannot read the preset"), loadError());
    }

    @Test
    void theCatalogSaysWhichPresetsExist() {
        PresetCatalog catalog = new PresetCatalog(dir);
        String message = assertThrows(CorruptWeightsException.class, () -> catalog.load("nope")).getMessage();
        assertTrue(message.startsWith("no preset named \"nope\" (known: "), message);
    }
}
