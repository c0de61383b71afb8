package dev.continuo.bridge.backend.coremidi;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.BackendListener;
import dev.continuo.bridge.backend.CycleClock;
import dev.continuo.bridge.backend.TimerCycleDriver;
import dev.continuo.bridge.backend.TimerDrivenBackend;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.natives.coremidi.CoreFoundationLibrary;
import dev.continuo.natives.coremidi.CoreMidiLibrary;
import dev.continuo.natives.coremidi.MachTimeLibrary;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * macOS: CoreMIDI virtual endpoints that every Mac DAW (GarageBand, Logic, Live…) sees — a destination "Continuo
 * Melody In" for the melody and a source "Continuo" (or "Continuo Part 1"…"4") for the accompaniment. On macOS 11+
 * the sources speak Universal MIDI Packets ({@code MIDISourceCreateWithProtocol}, {@code MIDIReceivedEventList});
 * on older systems {@code MIDIReceived} with {@code MIDIPacketList}s. Output is stamped with host time a little ahead
 * (GarageBand and Live drop stale timestamps, and CoreMIDI does not read 0 as "now" here). Endpoints keep their unique IDs across launches.
 * Runs on a {@link TimerCycleDriver}. The cycle thread and CoreMIDI's receive thread allocate nothing: packet lists
 * are preallocated, their addresses computed once, and the bindings direct-mapped. Written against Apple's headers;
 * it cannot run in this project's Linux CI.
 */
public final class CoreMidiBackend extends TimerDrivenBackend {

    private static final Logger LOG = LoggerFactory.getLogger(CoreMidiBackend.class);
    /** Output is stamped this far ahead of its due time, so it never arrives stale. */
    private static final long LOOKAHEAD_NANOS = 2_000_000;
    static final String MELODY_IN = "Continuo Melody In";

    private final CoreMidiLibrary midi;
    private final CoreFoundationLibrary cf;
    private final MachTimeLibrary mach;
    private final Pointer uniqueIdProperty;
    private final UniqueIds uniqueIds;
    private final CoreMidiLibrary.MIDINotifyProc notifyProc = (message, refCon) ->
            LOG.debug("CoreMIDI setup changed");
    private final CoreMidiLibrary.MIDIReadProc readProc = this::read;
    private final PacketListReader reader = new PacketListReader(MidiPacketList.alignedOnThisMachine());
    private final PacketListReader.PacketSink toDriver = this::received;
    private int client;
    private int destination;
    private int[] sources = new int[0];
    private MidiPacketList[] lists = new MidiPacketList[0];
    private MidiEventList[] eventLists = new MidiEventList[0];
    private Pointer[] listAddresses = new Pointer[0];
    private Pointer[] eventListAddresses = new Pointer[0];
    private boolean universalPackets = true;
    private HostClock hostClock;

    /**
     * @param uniqueIdProperty the value of {@code kMIDIPropertyUniqueID}
     * @param clock            {@link CycleClock#SYSTEM} outside tests
     */
    public CoreMidiBackend(CoreMidiLibrary midi, CoreFoundationLibrary cf, MachTimeLibrary mach,
            Pointer uniqueIdProperty, UniqueIds uniqueIds, CycleClock clock) {
        super(clock);
        this.midi = midi;
        this.cf = cf;
        this.mach = mach;
        this.uniqueIdProperty = uniqueIdProperty;
        this.uniqueIds = uniqueIds;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.COREMIDI;
    }

    /** On failure every endpoint and the client created so far are disposed before the exception leaves. */
    @Override
    public void open(String clientName, PortLayout layout, RealTimeHandler handler, BackendListener listener)
            throws BackendException {
        MachTimeLibrary.MachTimebaseInfo timebase = new MachTimeLibrary.MachTimebaseInfo();
        check(mach.mach_timebase_info(timebase), "mach_timebase_info", "could not read the host clock's timebase");
        hostClock = HostClock.measured(timebase.numer, timebase.denom, mach.mach_absolute_time(), clock().nanoTime());
        IntByReference reference = new IntByReference();
        withName("Continuo", name -> check(midi.MIDIClientCreate(name, notifyProc, null, reference),
                "MIDIClientCreate", "could not register with CoreMIDI"));
        client = reference.getValue();
        newDriver(handler, new Output());
        try {
            createEndpoints(layout, reference);
        } catch (BackendException | RuntimeException e) {
            close();
            throw e;
        }
        driver().start("continuo-coremidi-cycle");
    }

    private void createEndpoints(PortLayout layout, IntByReference reference) throws BackendException {
        Native.setCallbackThreadInitializer(readProc,
                new CallbackThreadInitializer(true, false, "continuo-coremidi-input"));
        withName(MELODY_IN, name -> check(midi.MIDIDestinationCreate(client, name, readProc, null, reference),
                "MIDIDestinationCreate", "could not create the virtual input \"" + MELODY_IN + "\""));
        destination = reference.getValue();
        keepUniqueId(destination, MELODY_IN);
        portNames.add(MELODY_IN);
        int ports = layout.outputPorts();
        sources = new int[ports];
        lists = new MidiPacketList[ports];
        eventLists = new MidiEventList[ports];
        listAddresses = new Pointer[ports];
        eventListAddresses = new Pointer[ports];
        for (int port = 0; port < ports; port++) {
            String sourceName = layout == PortLayout.SINGLE ? "Continuo" : "Continuo Part " + (port + 1);
            withName(sourceName, name -> createSource(name, sourceName, reference));
            sources[port] = reference.getValue();
            keepUniqueId(sources[port], sourceName);
            lists[port] = MidiPacketList.allocate(MidiPacketList.alignedOnThisMachine());
            eventLists[port] = MidiEventList.allocate();
            listAddresses[port] = Native.getDirectBufferPointer(lists[port].buffer());
            eventListAddresses[port] = Native.getDirectBufferPointer(eventLists[port].buffer());
            portNames.add(sourceName);
        }
    }

    /** A UMP source where the system has them (macOS 11+), else a classic one. */
    private void createSource(Pointer name, String sourceName, IntByReference reference) throws BackendException {
        if (universalPackets) {
            try {
                check(midi.MIDISourceCreateWithProtocol(client, name, CoreMidiLibrary.kMIDIProtocol_1_0, reference),
                        "MIDISourceCreateWithProtocol", "could not create the virtual output \"" + sourceName + "\"");
                return;
            } catch (UnsatisfiedLinkError e) {
                LOG.debug("No MIDISourceCreateWithProtocol before macOS 11; using MIDIPacketLists");
                universalPackets = false;
            }
        }
        check(midi.MIDISourceCreate(client, name, reference), "MIDISourceCreate",
                "could not create the virtual output \"" + sourceName + "\"");
    }

    /** Gives the endpoint its ID from last time, or remembers the one CoreMIDI gave it. */
    private void keepUniqueId(int endpoint, String name) {
        OptionalInt saved = uniqueIds.get(name);
        if (saved.isPresent()
                && midi.MIDIObjectSetIntegerProperty(endpoint, uniqueIdProperty, saved.getAsInt()) == 0) {
            return;
        }
        IntByReference assigned = new IntByReference();
        if (midi.MIDIObjectGetIntegerProperty(endpoint, uniqueIdProperty, assigned) == 0) {
            uniqueIds.put(name, assigned.getValue());
        }
    }

    private interface NamedCall {
        void call(Pointer name) throws BackendException;
    }

    private void withName(String text, NamedCall call) throws BackendException {
        Pointer name = cf.CFStringCreateWithCString(null, text, CoreFoundationLibrary.kCFStringEncodingUTF8);
        try {
            call.call(name);
        } finally {
            cf.CFRelease(name);
        }
    }

    private static void check(int status, String function, String message) throws BackendException {
        if (status != 0) {
            throw new BackendException(message, function, status);
        }
    }

    /**
     * Called on CoreMIDI's receive thread with the address of a {@code MIDIPacketList}: must not allocate, block, lock
     * or log.
     */
    private void read(long packetList, long readRefCon, long sourceRefCon) {
        reader.read(packetList, MidiPacketList.MAX_BYTES, toDriver);
    }

    /** Called on CoreMIDI's receive thread for each packet. */
    private void received(long timeStamp, byte[] data, int length) {
        // A timestamp of 0 means "now"; others are host time.
        long arrival = timeStamp == 0 ? clock().nanoTime() : hostClock.nanoTime(timeStamp);
        driver().offer(arrival, data, length);
    }

    /** Collects a cycle's output into one packet list per source; called on the cycle thread, allocates nothing. */
    private final class Output implements TimerCycleDriver.OutputSink {
        @Override
        public boolean send(int port, long dueNanos, int status, int data1, int data2, int length) {
            long timeStamp = hostClock.hostTicks(dueNanos + LOOKAHEAD_NANOS);
            if (universalPackets) {
                MidiEventList list = eventLists[port];
                if (!list.add(timeStamp, status, data1, data2)) {
                    flush(port);
                    return list.add(timeStamp, status, data1, data2);
                }
                return true;
            }
            MidiPacketList list = lists[port];
            if (!list.add(timeStamp, status, data1, data2, length)) {
                flush(port);
                return list.add(timeStamp, status, data1, data2, length);
            }
            return true;
        }

        @Override
        public void endOfCycle() {
            for (int port = 0; port < lists.length; port++) {
                flush(port);
            }
        }

        private void flush(int port) {
            MidiEventList events = eventLists[port];
            if (events.packets() > 0) {
                midi.MIDIReceivedEventList(sources[port], eventListAddresses[port]);
                events.clear();
            }
            MidiPacketList list = lists[port];
            if (list.packets() > 0) {
                midi.MIDIReceived(sources[port], listAddresses[port]);
                list.clear();
            }
        }
    }

    /** Disposes what {@link #open} created, however far it got. Idempotent. */
    @Override
    public void close() {
        stopDriver();
        for (int port = 0; port < sources.length; port++) {
            if (sources[port] != 0) {
                midi.MIDIEndpointDispose(sources[port]);
                sources[port] = 0;
            }
        }
        if (destination != 0) {
            midi.MIDIEndpointDispose(destination);
            destination = 0;
        }
        if (client != 0) {
            midi.MIDIClientDispose(client);
            client = 0;
        }
    }
}
