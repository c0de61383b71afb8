package dev.continuo.natives.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.WString;

/** {@link TeVirtualMidiLibrary} through JNA direct mapping; loading this class throws {@link UnsatisfiedLinkError} where
 * the driver's DLL is missing. */
public final class TeVirtualMidiLibraryDirect implements TeVirtualMidiLibrary {

    static {
        Native.register(TeVirtualMidiLibraryDirect.class, NativeLibrary.getInstance("teVirtualMIDI64"));
    }

    @Override
    public native Pointer virtualMIDICreatePortEx2(WString portName, MidiDataCallback callback, Pointer instance, int maxSysexLength, int flags);

    @Override
    public native boolean virtualMIDISendData(Pointer port, Pointer bytes, int length);

    @Override
    public native void virtualMIDIClosePort(Pointer port);
}
