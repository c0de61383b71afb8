package dev.continuo.natives.coremidi;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** {@link CoreFoundationLibrary} through JNA direct mapping; loading this class throws {@link UnsatisfiedLinkError} off macOS. */
public final class CoreFoundationLibraryDirect implements CoreFoundationLibrary {

    static {
        Native.register(CoreFoundationLibraryDirect.class, NativeLibrary.getInstance("CoreFoundation"));
    }

    @Override
    public native Pointer CFStringCreateWithCString(Pointer allocator, String text, int encoding);

    @Override
    public native void CFRelease(Pointer object);
}
