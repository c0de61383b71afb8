package dev.continuo.bridge.serve;

import dev.continuo.bridge.backend.CycleLoad;
import dev.continuo.bridge.realtime.EngineStatus;
import dev.continuo.bridge.realtime.RealTimeEngine;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports, off the real-time thread and at most once every few seconds, what the real-time side could only count:
 * malformed input dropped, valid SysEx too long to take, events lost, failures of the real-time callback, xruns.
 */
final class ProblemReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemReporter.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private long lastReportNanos = System.nanoTime() - INTERVAL_NANOS;
    private long reportedDroppedBytes;
    private long reportedTooLongBytes;
    private long reportedLost;
    private long reportedFailures;
    private long reportedXruns;

    /** Called on the supervising thread, often; logs only when something changed and the interval has passed. */
    void report(EngineStatus status, CycleLoad load) {
        long now = System.nanoTime();
        if (now - lastReportNanos < INTERVAL_NANOS) {
            return;
        }
        long tooLong = status.tooLongSysExBytes() - reportedTooLongBytes;
        long dropped = status.droppedInputBytes() - reportedDroppedBytes - tooLong;
        long lost = status.lostOutput() + status.lostCapture() - reportedLost;
        long failures = load.failures() - reportedFailures;
        long xruns = load.xruns() - reportedXruns;
        if (dropped > 0) {
            LOG.warn("Ignored {} malformed bytes on the melody input (garbage, stray data bytes or cut-off SysEx)",
                    dropped);
        }
        if (tooLong > 0) {
            LOG.warn("Skipped {} bytes of SysEx on the melody input in messages longer than the {} bytes Continuo "
                    + "takes", tooLong, RealTimeEngine.MAX_SYSEX);
        }
        if (lost > 0) {
            LOG.warn("{} events were lost (more notes or input than a cycle can carry)", lost);
        }
        if (failures > 0) {
            Throwable failure = load.lastFailure();
            LOG.error("The real-time callback failed {} times; last: {}", failures, failure);
            LOG.debug("Real-time callback failure", failure);
        }
        if (xruns > 0) {
            LOG.warn("{} xruns: the audio server missed its deadline (too small a buffer or a busy machine)", xruns);
        }
        if (dropped > 0 || tooLong > 0 || lost > 0 || failures > 0 || xruns > 0) {
            lastReportNanos = now;
        }
        reportedDroppedBytes = status.droppedInputBytes();
        reportedTooLongBytes = status.tooLongSysExBytes();
        reportedLost = status.lostOutput() + status.lostCapture();
        reportedFailures = load.failures();
        reportedXruns = load.xruns();
    }
}
