package dev.continuo.natives.coremidi;

import com.sun.jna.Structure;

/** The Mach clock CoreMIDI timestamps use ({@code libSystem}): host ticks and their length in nanoseconds. */
public interface MachTimeLibrary {

    /** {@code mach_timebase_info_data_t}: nanoseconds = ticks × numer / denom. */
    @Structure.FieldOrder({"numer", "denom"})
    class MachTimebaseInfo extends Structure {
        public int numer;
        public int denom;
    }

    long mach_absolute_time();

    int mach_timebase_info(MachTimebaseInfo info);
}
