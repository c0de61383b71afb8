package dev.continuo.natives.coremidi;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The part of CoreMIDI (macOS, {@code CoreMIDI.framework}) that Continuo uses, mirrored one to one. Object
 * references ({@code MIDIClientRef}, {@code MIDIEndpointRef}) are {@code UInt32}; {@code OSStatus} is
 * {@code SInt32}; {@code CFStringRef} names come from {@link CoreFoundationLibrary}. {@link CoreMidiLibraryDirect} is the
 * implementation; tests may substitute their own.
 */
public interface CoreMidiLibrary {

    /** {@code kMIDIPropertyUniqueID}'s symbol: a global {@code CFStringRef}. */
    String K_MIDI_PROPERTY_UNIQUE_ID = "kMIDIPropertyUniqueID";

    /** {@code kMIDIIDNotUnique}: the requested unique ID is taken. */
    int kMIDIIDNotUnique = -10843;

    /** {@code MIDINotifyProc}: called on CoreMIDI's notification thread when the MIDI setup changes. */
    interface MIDINotifyProc extends Callback {
        void invoke(Pointer message, Pointer refCon);
    }

    /**
     * {@code MIDIReadProc}: called on CoreMIDI's high-priority receive thread with the address of a
     * {@code MIDIPacketList} (see {@code MidiPacketList} in the bridge for its layout). Addresses are {@code long}
     * (64-bit pointers) so that JNA makes no {@link Pointer} per call.
     */
    interface MIDIReadProc extends Callback {
        void invoke(long packetList, long readProcRefCon, long srcConnRefCon);
    }

    int MIDIClientCreate(Pointer name, MIDINotifyProc notifyProc, Pointer notifyRefCon, IntByReference outClient);

    int MIDIClientDispose(int client);

    int MIDISourceCreate(int client, Pointer name, IntByReference outSource);

    int MIDIDestinationCreate(int client, Pointer name, MIDIReadProc readProc, Pointer refCon,
            IntByReference outDest);

    int MIDIEndpointDispose(int endpoint);

    /** {@code kMIDIProtocol_1_0}. */
    int kMIDIProtocol_1_0 = 1;

    /** macOS 11+: a virtual source that sends Universal MIDI Packets; older systems lack the symbol. */
    int MIDISourceCreateWithProtocol(int client, Pointer name, int protocol, IntByReference outSource);

    /** macOS 11+: distributes a {@code MIDIEventList*} from a virtual source. */
    int MIDIReceivedEventList(int source, Pointer eventList);

    /** Distributes packets from a virtual source to its clients; {@code packetList} is a {@code MIDIPacketList*}. */
    int MIDIReceived(int source, Pointer packetList);

    int MIDIObjectSetIntegerProperty(int object, Pointer propertyId, int value);

    int MIDIObjectGetIntegerProperty(int object, Pointer propertyId, IntByReference outValue);
}
