package dev.continuo.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.continuo.natives.MovablePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Why the CoreMIDI and Windows input callbacks take addresses as {@code long}: JNA's dispatch from native code into a
 * Java callback allocates nothing when every argument is a primitive, but makes a {@link Pointer} per non-null pointer
 * argument. Measured with libc's {@code qsort}, which calls its comparator from native code on the calling thread (the
 * OS's own MIDI threads cannot run here).
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "qsort from libc")
class JnaCallbackAllocationTest {

    private static final int ELEMENTS = 4_096;

    /** libc's {@code qsort}, direct-mapped, with either comparator shape. */
    private static final class LibC {
        static {
            Native.register(LibC.class, NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME));
        }

        interface ByAddress extends Callback {
            int invoke(long left, long right);
        }

        interface ByPointer extends Callback {
            int invoke(Pointer left, Pointer right);
        }

        static native void qsort(Pointer base, long count, long size, ByAddress compare);

        static native void qsort(Pointer base, long count, long size, ByPointer compare);
    }

    private static void shuffle(Memory values) {
        for (int i = 0; i < ELEMENTS; i++) {
            values.setInt(4L * i, (i * 7_919) % ELEMENTS);
        }
    }

    @Test
    void aCallbackWithOnlyPrimitiveArgumentsAllocatesNothingWhenNativeCodeCallsIt() {
        Memory values = new Memory(4L * ELEMENTS);
        MovablePointer cursor = new MovablePointer();
        LibC.ByAddress byAddress = (left, right) -> {
            cursor.moveTo(left);
            int a = cursor.getInt(0);
            cursor.moveTo(right);
            return Integer.compare(a, cursor.getInt(0));
        };
        LibC.ByPointer byPointer = (left, right) -> Integer.compare(left.getInt(0), right.getInt(0));
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            shuffle(values);
            LibC.qsort(values, ELEMENTS, 4, byAddress);
            shuffle(values);
            LibC.qsort(values, ELEMENTS, 4, byPointer);
        }
        long[] bytes = Allocations.steadyState(sorts -> {
            for (int sort = 0; sort < sorts; sort++) {
                shuffle(values);
                LibC.qsort(values, ELEMENTS, 4, byAddress);
            }
        }, 0, 10);
        assertEquals(0, values.getInt(0));
        assertEquals(ELEMENTS - 1, values.getInt(4L * (ELEMENTS - 1)));
        long[] pointerBytes = Allocations.steadyState(sorts -> {
            for (int sort = 0; sort < sorts; sort++) {
                shuffle(values);
                LibC.qsort(values, ELEMENTS, 4, byPointer);
            }
        }, 0, 10);
        System.out.printf("JNA callbacks from native code, 10 sorts of %d: %d bytes with long arguments, %d with "
                + "Pointer arguments%n", ELEMENTS, bytes[0], pointerBytes[0]);
        assertEquals(0, bytes[0], "bytes allocated by callbacks with long arguments");
        assertTrue(pointerBytes[0] > 0, "Pointer arguments allocate (else the long-address callbacks are moot)");
    }
}
