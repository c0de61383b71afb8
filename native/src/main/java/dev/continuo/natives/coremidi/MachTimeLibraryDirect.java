package dev.continuo.natives.coremidi;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** {@link MachTimeLibrary} through JNA direct mapping; loading this class throws {@link UnsatisfiedLinkError} off macOS. */
public final class MachTimeLibraryDirect implements MachTimeLibrary {

    static {
        Native.register(MachTimeLibraryDirect.class, NativeLibrary.getInstance("System"));
    }

    @Override
    public native long mach_absolute_time();

    @Override
    public native int mach_timebase_info(MachTimebaseInfo info);
}
