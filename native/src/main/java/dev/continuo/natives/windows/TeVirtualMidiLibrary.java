package dev.continuo.natives.windows;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;

/**
 * Tobias Erichsen's virtual MIDI driver API ({@code teVirtualMIDI.h}), installed with loopMIDI: creates MIDI ports
 * that other Windows applications see. Mirrored one to one; {@code DWORD}s are {@code int}.
 */
public interface TeVirtualMidiLibrary extends Library {

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
        void invoke(Pointer port, Pointer bytes, int length, Pointer instance);
    }

    Pointer virtualMIDICreatePortEx2(WString portName, MidiDataCallback callback, Pointer instance,
            int maxSysexLength, int flags);

    boolean virtualMIDISendData(Pointer port, byte[] bytes, int length);

    void virtualMIDIClosePort(Pointer port);

    /** Loads the driver's DLL for this JVM's bitness ({@code teVirtualMIDI64} or {@code teVirtualMIDI32}). */
    static TeVirtualMidiLibrary load() {
        boolean is64 = "64".equals(System.getProperty("sun.arch.data.model"));
        return Native.load(is64 ? "teVirtualMIDI64" : "teVirtualMIDI32", TeVirtualMidiLibrary.class);
    }
}
