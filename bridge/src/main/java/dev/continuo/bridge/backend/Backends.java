package dev.continuo.bridge.backend;

import com.sun.jna.Pointer;
import dev.continuo.bridge.backend.alsa.AlsaPorts;
import dev.continuo.bridge.backend.alsa.AlsaSeqBackend;
import dev.continuo.bridge.backend.coremidi.CoreMidiBackend;
import dev.continuo.bridge.backend.coremidi.UniqueIds;
import dev.continuo.bridge.backend.jack.JackBackend;
import dev.continuo.bridge.backend.jack.JackPorts;
import dev.continuo.bridge.backend.javasound.JavaSoundBackend;
import dev.continuo.bridge.backend.javasound.MidiDevices;
import dev.continuo.bridge.backend.windows.VirtualMidiBackend;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import dev.continuo.natives.coremidi.CoreFoundationLibrary;
import dev.continuo.natives.coremidi.CoreMidi;
import dev.continuo.natives.coremidi.CoreMidiLibrary;
import dev.continuo.natives.coremidi.MachTimeLibrary;
import dev.continuo.natives.jack.JackLibrary;
import dev.continuo.natives.jack.JackLibraryDirect;
import dev.continuo.natives.posix.PosixLibrary;
import dev.continuo.natives.posix.PosixLibraryDirect;
import dev.continuo.natives.windows.TeVirtualMidiLibrary;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Makes backends by kind, and knows which kind suits this operating system. */
public final class Backends {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    /**
     * The backend a musician on this OS gets by default: JACK on Linux, CoreMIDI on macOS; on Windows the virtual
     * MIDI driver if loopMIDI installed it, else javax.sound.midi (ports by name, said in the log).
     */
    public static BackendKind defaultKind() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return BackendKind.JACK;
        }
        if (os.contains("mac")) {
            return BackendKind.COREMIDI;
        }
        try {
            TeVirtualMidiLibrary.load();
            return BackendKind.WINDOWS;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            LOG.info("The virtual MIDI driver (loopMIDI) is not installed: connecting to existing ports by name "
                    + "with javax.sound.midi (--input, --output)");
            return BackendKind.JAVASOUND;
        }
    }

    /**
     * A source of fresh backends of one kind (a backend is not reopened after its service went away).
     *
     * @param input  for javasound: part of the name of the melody's port
     * @param output for javasound: part of the name of the accompaniment's port
     * @param ids    for coremidi: where endpoint IDs persist
     * @throws BackendException if the kind cannot work here, e.g. libjack is not installed
     */
    public static Supplier<MidiBackend> factory(BackendKind kind, String input, String output, UniqueIds ids)
            throws BackendException {
        return switch (kind) {
            case JACK -> {
                JackLibrary library = jackLibrary();
                yield () -> new JackBackend(library);
            }
            case ALSA -> {
                try {
                    AlsaSeqLibrary alsa = AlsaSeqLibrary.load();
                    PosixLibrary posix = new PosixLibraryDirect();
                    yield () -> new AlsaSeqBackend(alsa, posix, CycleClock.SYSTEM);
                } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                    throw new BackendException("the alsa backend needs libasound (" + e.getMessage() + ")");
                }
            }
            case COREMIDI -> {
                try {
                    CoreMidiLibrary midi = CoreMidi.coreMidi();
                    CoreFoundationLibrary cf = CoreMidi.coreFoundation();
                    MachTimeLibrary mach = CoreMidi.machTime();
                    Pointer uniqueId = CoreMidi.propertyUniqueId();
                    yield () -> new CoreMidiBackend(midi, cf, mach, uniqueId, ids, CycleClock.SYSTEM);
                } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                    throw new BackendException("the coremidi backend works on macOS only (" + e.getMessage() + ")");
                }
            }
            case WINDOWS -> {
                try {
                    TeVirtualMidiLibrary driver = TeVirtualMidiLibrary.load();
                    yield () -> new VirtualMidiBackend(driver, CycleClock.SYSTEM);
                } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                    throw new BackendException("the windows backend needs Tobias Erichsen's virtual MIDI driver "
                            + "(install loopMIDI), or use --backend javasound (" + e.getMessage() + ")");
                }
            }
            case JAVASOUND -> {
                MidiDevices devices = new MidiDevices();
                yield () -> new JavaSoundBackend(devices, input, output);
            }
        };
    }

    /** Who lists the ports of each kind that can see other applications' ports, in the order to show them. */
    public static List<PortLister> portListers() {
        return List.of(JackPorts.lister(), AlsaPorts.lister(), MidiDevices.lister());
    }

    /** libjack, or the reason it cannot be used. */
    public static JackLibrary jackLibrary() throws BackendException {
        try {
            return new JackLibraryDirect();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new BackendException("the jack backend is unavailable: libjack is not installed ("
                    + e.getMessage() + ")");
        }
    }
}
