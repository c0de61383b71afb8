package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.continuo.bridge.backend.CycleLoad;
import dev.continuo.bridge.realtime.ClockSource;
import dev.continuo.bridge.realtime.EngineStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProblemReporterTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemReporter.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void listen() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(appender);
    }

    private List<String> report(long droppedBytes, long tooLongSysExBytes) {
        new ProblemReporter().report(new EngineStatus(ClockSource.JACK, true, 0, 16, 120, 0, 0, 10, 4, 1,
                droppedBytes, tooLongSysExBytes, 0, 0, 0, 100), new CycleLoad());
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aValidSysExTooLongToTakeIsNotCalledMalformed() {
        assertEquals(List.of("Skipped 1000 bytes of SysEx on the melody input in messages longer than the 256 bytes "
                + "Continuo takes"), report(1000, 1000));
    }

    @Test
    void garbageAndTooLongSysExAreReportedApart() {
        assertEquals(List.of("Ignored 3 malformed bytes on the melody input (garbage, stray data bytes or cut-off "
                + "SysEx)", "Skipped 300 bytes of SysEx on the melody input in messages longer than the 256 bytes "
                + "Continuo takes"), report(303, 300));
    }
}
