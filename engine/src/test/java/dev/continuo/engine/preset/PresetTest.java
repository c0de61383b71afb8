package dev.continuo.engine.preset;

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
