package dev.continuo.bridge.backend.alsa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.bridge.backend.PortLister;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(value = OS.LINUX, disabledReason = "libasound exists on Linux only")
class AlsaPortsTest {

    @Test
    void listsTheMidiPortsOfEveryClientWithTheirDirections() throws Exception {
        AlsaSequencerStandIn alsa = new AlsaSequencerStandIn();
        int midi = AlsaSeqLibrary.SND_SEQ_PORT_TYPE_MIDI_GENERIC;
        alsa.clients.put(14, "Midi Through");
        alsa.clientPorts.put(14, List.<Object[]>of(new Object[] {0, "Midi Through Port-0",
            AlsaSeqLibrary.SND_SEQ_PORT_CAP_SUBS_READ | AlsaSeqLibrary.SND_SEQ_PORT_CAP_SUBS_WRITE, midi}));
        alsa.clients.put(24, "Keystation 49");
        alsa.clientPorts.put(24, List.<Object[]>of(
            new Object[] {0, "Keystation 49 MIDI 1", AlsaSeqLibrary.SND_SEQ_PORT_CAP_SUBS_READ, midi},
            new Object[] {1, "Keystation timer", AlsaSeqLibrary.SND_SEQ_PORT_CAP_SUBS_READ, 0}));
        assertEquals(List.of(
                new AlsaPorts.Port("14:0", "Midi Through", "Midi Through Port-0", true, true),
                new AlsaPorts.Port("24:0", "Keystation 49", "Keystation 49 MIDI 1", true, false)),
                AlsaPorts.list(alsa));
    }

    @Test
    void continuoPortsShowsEachPortsDirectionsAddressClientAndName() {
        PortLister.ListedPort through = AlsaPorts.listed(
                new AlsaPorts.Port("14:0", "Midi Through", "Midi Through Port-0", true, true));
        assertEquals("inout", through.directions());
        assertEquals("14:0    Midi Through: Midi Through Port-0", through.label());
        assertEquals("out", AlsaPorts.listed(new AlsaPorts.Port("24:0", "K", "K 1", true, false)).directions());
        assertEquals("in", AlsaPorts.listed(new AlsaPorts.Port("24:1", "K", "K 2", false, true)).directions());
    }
}
