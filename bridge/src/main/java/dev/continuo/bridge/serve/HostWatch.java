package dev.continuo.bridge.serve;

import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.realtime.RealTimeEngine;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session watches of its host between cycles, on the housekeeping rounds: a new connection to the
 * accompaniment gets the parts' programs (a synth or track connected after they went out would otherwise never hear
 * them), and the tempo master role is offered again every second, on the connector since that asks the server.
 * Housekeeping thread.
 */
final class HostWatch {

    private static final Logger LOG = LoggerFactory.getLogger(HostWatch.class);
    private static final long TEMPO_OFFER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RealTimeEngine engine;
    private final TempoMaster tempoMaster;
    private final Executor connector;
    private final Predicate<MidiBackend> stillConnected;
    private MidiBackend watched;
    private int knownConnections;
    private long nextTempoOfferNanos;

    /**
     * @param tempoMaster    the role to offer again, or null
     * @param stillConnected whether a backend is still the session's running connection (checked on the connector)
     */
    HostWatch(RealTimeEngine engine, TempoMaster tempoMaster, Executor connector,
            Predicate<MidiBackend> stillConnected) {
        this.engine = engine;
        this.tempoMaster = tempoMaster;
        this.connector = connector;
        this.stillConnected = stillConnected;
    }

    /** One round while {@code current} runs. */
    void round(MidiBackend current) {
        int connections = current.outputConnections();
        if (current != watched) {
            // A new connection of the session: its programs went out at connection, its role was just offered.
            watched = current;
            nextTempoOfferNanos = System.nanoTime() + TEMPO_OFFER_NANOS;
        } else if (connections > knownConnections && knownConnections >= 0) {
            engine.resendPrograms();
            LOG.info("A new connection to the accompaniment: the parts' programs go out again");
        }
        knownConnections = connections;
        if (tempoMaster != null && System.nanoTime() - nextTempoOfferNanos >= 0) {
            nextTempoOfferNanos = System.nanoTime() + TEMPO_OFFER_NANOS;
            connector.execute(() -> {
                if (stillConnected.test(current)) {
                    tempoMaster.offer(current);
                }
            });
        }
    }
}
