package dev.continuo.natives.coremidi;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Loads the macOS libraries, direct-mapped; throws {@link UnsatisfiedLinkError} anywhere else (then
 * {@link NoClassDefFoundError} on later attempts).
 */
public final class CoreMidi {

    private CoreMidi() {
    }

    public static CoreMidiLibrary coreMidi() {
        return new CoreMidiLibraryDirect();
    }

    public static CoreFoundationLibrary coreFoundation() {
        return new CoreFoundationLibraryDirect();
    }

    /** The value of the global {@code CFStringRef kMIDIPropertyUniqueID}. */
    public static Pointer propertyUniqueId() {
        return NativeLibrary.getInstance("CoreMIDI").getGlobalVariableAddress(CoreMidiLibrary.K_MIDI_PROPERTY_UNIQUE_ID)
                .getPointer(0);
    }

    public static MachTimeLibrary machTime() {
        return new MachTimeLibraryDirect();
    }
}
