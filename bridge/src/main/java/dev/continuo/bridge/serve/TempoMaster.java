package dev.continuo.bridge.serve;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.MidiBackend;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuo's role as the host's tempo source ({@code --timebase-master}). The role is offered at each connection and
 * again every second: another client may take it over (a DAW opening a session) and release it later (quitting),
 * and neither tells the old master. Each change is logged once, {@code ctl status} shows the role, and the role is
 * taken back as soon as it is free. Called on the connector thread; {@link #role} on any.
 */
final class TempoMaster {

    /** Where the role stands. */
    enum Role {
        /** Continuo gives bar, beat and tempo. */
        HELD,
        /** Another client is the master; Continuo follows it and takes the role when it is released. */
        TAKEN,
        /** The backend has no such role or refused the request; not offered again on this connection. */
        UNAVAILABLE
    }

    private static final Logger LOG = LoggerFactory.getLogger(TempoMaster.class);

    private final double beatsPerMinute;
    private volatile Role role;

    TempoMaster(double beatsPerMinute) {
        this.beatsPerMinute = beatsPerMinute;
    }

    /** Offers the role on a new connection; the change since the last offer, if any, is logged. */
    void connected(MidiBackend backend) {
        role = null;
        offer(backend);
    }

    /** Offers the role again, unless the backend has none. */
    void offer(MidiBackend backend) {
        Role before = role;
        if (before == Role.UNAVAILABLE) {
            return;
        }
        Role now;
        try {
            now = backend.offerTempo(beatsPerMinute) ? Role.HELD : Role.TAKEN;
        } catch (BackendException e) {
            LOG.warn("Could not become the timebase master: {}", e.getMessage());
            role = Role.UNAVAILABLE;
            return;
        }
        role = now;
        if (now == before) {
            return;
        }
        String bpm = String.format(Locale.ROOT, "%.1f", beatsPerMinute);
        if (now == Role.HELD) {
            LOG.info(before == null ? "Timebase master: bar, beat and {} bpm for every JACK application; start the "
                    + "transport to play" : "Timebase master again at {} bpm: the other client released the role",
                    bpm);
        } else if (before == null) {
            LOG.warn("Another application is already the timebase master; following its tempo, and taking the role "
                    + "when it releases it");
        } else {
            LOG.warn("Another JACK client took the timebase master role; following its tempo, and taking the role "
                    + "back when it releases it");
        }
    }

    /** The role as last offered; null before the first offer. */
    Role role() {
        return role;
    }
}
