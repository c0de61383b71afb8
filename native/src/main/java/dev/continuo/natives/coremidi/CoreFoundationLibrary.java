package dev.continuo.natives.coremidi;

import com.sun.jna.Pointer;

/** The CoreFoundation calls CoreMIDI's API needs: making and releasing {@code CFStringRef}s. */
public interface CoreFoundationLibrary {

    /** {@code kCFStringEncodingUTF8}. */
    int kCFStringEncodingUTF8 = 0x08000100;

    Pointer CFStringCreateWithCString(Pointer allocator, String text, int encoding);

    void CFRelease(Pointer object);
}
