package dev.continuo.natives.posix;

import com.sun.jna.Pointer;

/**
 * The few libc calls Continuo needs to wait on file descriptors (poll.h, unistd.h), mirrored one to one.
 * {@link PosixLibraryDirect} is the implementation; tests may substitute their own.
 */
public interface PosixLibrary {

    /** {@code POLLIN}: there is data to read. */
    short POLLIN = 0x001;
    /** Bytes of a {@code struct pollfd}: {@code int fd; short events; short revents;}. */
    int POLLFD_SIZE = 8;
    /** Offset of {@code events} in a {@code struct pollfd}. */
    int POLLFD_EVENTS = 4;
    /** Offset of {@code revents} in a {@code struct pollfd}. */
    int POLLFD_REVENTS = 6;
    /** {@code POLLERR}, {@code POLLHUP} and {@code POLLNVAL}: the descriptor failed, hung up or is not open. */
    short POLL_FAILED = 0x008 | 0x010 | 0x020;

    /** Waits until one of the {@code nfds} {@code struct pollfd}s at {@code fds} is ready; -1 waits forever. */
    int poll(Pointer fds, long nfds, int timeoutMillis);

    /** Makes a pipe: {@code fds[0]} reads, {@code fds[1]} writes. */
    int pipe(int[] fds);

    long read(int fd, Pointer buffer, long count);

    long write(int fd, Pointer buffer, long count);

    int close(int fd);
}
