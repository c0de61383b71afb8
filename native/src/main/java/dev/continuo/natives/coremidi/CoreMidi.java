package dev.continuo.natives.coremidi;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** Loads the macOS libraries; throws {@link UnsatisfiedLinkError} anywhere else. */
public final class CoreMidi {

    private CoreMidi() {
    }

    public static CoreMidiLibrary coreMidi() {
        return Native.load("CoreMIDI", CoreMidiLibrary.class);
    }

    public static CoreFoundationLibrary coreFoundation() {
        return Native.load("CoreFoundation", CoreFoundationLibrary.class);
    }

    /** The value of the global {@code CFStringRef kMIDIPropertyUniqueID}. */
    public static Pointer propertyUniqueId() {
        return NativeLibrary.getInstance("CoreMIDI").getGlobalVariableAddress(CoreMidiLibrary.K_MIDI_PROPERTY_UNIQUE_ID)
                .getPointer(0);
    }

    public static MachTimeLibrary machTime() {
        return Native.load("System", MachTimeLibrary.class);
    }
}
