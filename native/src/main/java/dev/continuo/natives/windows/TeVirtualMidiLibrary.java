package dev.continuo.natives.windows;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.WString;

/**
 * Tobias Erichsen's virtual MIDI driver API ({@code teVirtualMIDI.h}), installed with loopMIDI: creates MIDI ports
 * that other Windows applications see. Mirrored one to one; {@code DWORD}s are {@code int}. Addresses the driver
 * passes to the callback are {@code long} (64-bit JVMs), so that JNA makes no {@link Pointer} per call.
 * {@link TeVirtualMidiLibraryDirect} is the implementation; tests may substitute their own.
 */
public interface TeVirtualMidiLibrary {

    /** Deliver only complete, parsed messages to the callback. */
    int TE_VM_FLAGS_PARSE_RX = 1;
    /** Check outgoing data for complete messages. */
    int TE_VM_FLAGS_PARSE_TX = 2;
    /** A port applications can only send to (Continuo receives). */
    int TE_VM_FLAGS_INSTANTIATE_RX_ONLY = 4;
    /** A port applications can only receive from (Continuo transmits). */
    int TE_VM_FLAGS_INSTANTIATE_TX_ONLY = 8;

    /** {@code LPVM_MIDI_DATA_CB}: called on the driver's thread with the bytes applications sent. */
    interface MidiDataCallback extends Callback {
        void invoke(long port, long bytes, int length, long instance);
    }

    Pointer virtualMIDICreatePortEx2(WString portName, MidiDataCallback callback, Pointer instance,
            int maxSysexLength, int flags);

    /** Sends {@code length} bytes from {@code bytes} (preallocated memory) at once. */
    boolean virtualMIDISendData(Pointer port, Pointer bytes, int length);

    void virtualMIDIClosePort(Pointer port);

    /** Loads the driver's DLL ({@code teVirtualMIDI64}); throws {@link UnsatisfiedLinkError} where it is missing. */
    static TeVirtualMidiLibrary load() {
        return new TeVirtualMidiLibraryDirect();
    }
}
