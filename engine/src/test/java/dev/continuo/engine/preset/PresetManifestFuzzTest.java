package dev.continuo.engine.preset;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.continuo.engine.model.CorruptWeightsException;

/**
 * Coverage-guided fuzzing of the preset manifest reader: any bytes in {@code preset.json} give a manifest with its
 * parts, or a {@link CorruptWeightsException} whose message is one printable line. Seeds (the bundled manifests among
 * them) in {@code PresetManifestFuzzTestInputs}.
 */
class PresetManifestFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveAManifestOrAOneLineError(byte[] bytes) {
        PresetManifest manifest;
        try {
            manifest = Preset.readManifest(bytes, "preset.json");
        } catch (CorruptWeightsException e) {
            assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && (c < 0x7F || c >= 0xA0)), e.getMessage());
            return;
        }
        assertNotNull(manifest.parts());
        assertNotNull(manifest.architecture());
    }
}
