package dev.continuo.natives.coremidi;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** {@link CoreMidiLibrary} through JNA direct mapping; loading this class throws {@link UnsatisfiedLinkError} off macOS. A
 * function the system lacks ({@code MIDISourceCreateWithProtocol} before macOS 11) throws it when called. */
public final class CoreMidiLibraryDirect implements CoreMidiLibrary {

    static {
        Native.register(CoreMidiLibraryDirect.class, NativeLibrary.getInstance("CoreMIDI"));
    }

    @Override
    public native int MIDIClientCreate(Pointer name, MIDINotifyProc notifyProc, Pointer notifyRefCon, IntByReference outClient);

    @Override
    public native int MIDIClientDispose(int client);

    @Override
    public native int MIDISourceCreate(int client, Pointer name, IntByReference outSource);

    @Override
    public native int MIDIDestinationCreate(int client, Pointer name, MIDIReadProc readProc, Pointer refCon, IntByReference outDest);

    @Override
    public native int MIDIEndpointDispose(int endpoint);

    @Override
    public native int MIDISourceCreateWithProtocol(int client, Pointer name, int protocol, IntByReference outSource);

    @Override
    public native int MIDIReceivedEventList(int source, Pointer eventList);

    @Override
    public native int MIDIReceived(int source, Pointer packetList);

    @Override
    public native int MIDIObjectSetIntegerProperty(int object, Pointer propertyId, int value);

    @Override
    public native int MIDIObjectGetIntegerProperty(int object, Pointer propertyId, IntByReference outValue);
}
