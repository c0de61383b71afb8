package dev.continuo.natives.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** {@link PosixLibrary} through JNA direct mapping on libc; calls with primitive and pointer arguments allocate nothing. */
public final class PosixLibraryDirect implements PosixLibrary {

    static {
        Native.register(PosixLibraryDirect.class, NativeLibrary.getInstance("c"));
    }

    @Override
    public native int poll(Pointer fds, long nfds, int timeoutMillis);

    @Override
    public native int pipe(int[] fds);

    @Override
    public native long read(int fd, Pointer buffer, long count);

    @Override
    public native long write(int fd, Pointer buffer, long count);

    @Override
    public native int close(int fd);
}
