package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo serve} refuses options it cannot use with one clear line and exit code 2, before starting. */
class ServeOptionsIT {

    @TempDir
    Path directory;

    private ContinuoProcess.Result serve(String... options) throws Exception {
        String[] args = new String[options.length + 3];
        args[0] = "serve";
        args[1] = "--socket";
        args[2] = directory.resolve("ctl.sock").toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return ContinuoProcess.run(directory, ContinuoProcess.SMALL_HEAP, Map.of("XDG_CONFIG_HOME",
                directory.resolve("config").toString(), "XDG_STATE_HOME", directory.resolve("state").toString()),
                args);
    }

    private void refused(String expected, String... options) throws Exception {
        ContinuoProcess.Result result = serve(options);
        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.stderrLines().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().contains(expected), result.stderr());
    }

    @Test
    void refusesWhatItCannotUse() throws Exception {
        refused("unknown backend \"midiman\" (known: jack, alsa, coremidi, windows, javasound)", "--backend",
                "midiman");
        refused("--input NAME and --output NAME", "--backend", "javasound");
        refused("use --ports single", "--backend", "javasound", "--input", "a", "--output", "b", "--ports", "split");
        refused("unknown port layout \"quad\"", "--ports", "quad");
        refused("a phrase must be 1–64 bars, not 0", "--bars", "0");
        refused("tempo must be 20–400 bpm", "--bpm", "1000");
        refused("unknown clock \"smpte\"", "--clock", "smpte");
        refused("--keyboard: no MIDI input port matches \"no such keyboard\"", "--keyboard", "no such keyboard");
    }
}
