package dev.continuo.bridge.backend;

import dev.continuo.bridge.cycle.RealTimeHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * What the backends on a {@link TimerCycleDriver} share: the driver, 64-frame cycles at the driver's nominal rate,
 * the registered port names, and no transport to lead.
 */
public abstract class TimerDrivenBackend implements MidiBackend {

    /** Frames per cycle: 1.3 ms at {@link TimerCycleDriver#SAMPLE_RATE}. */
    protected static final int FRAMES_PER_CYCLE = 64;

    /** Full names of the registered ports, melody input first; filled by {@link #open}. */
    protected final List<String> portNames = new ArrayList<>();
    private final CycleClock clock;
    private TimerCycleDriver driver;

    /** @param clock the cycles' and the input stamps' time base: {@link CycleClock#SYSTEM} outside tests */
    protected TimerDrivenBackend(CycleClock clock) {
        this.clock = clock;
    }

    /** The time base of the cycles, of output due times and of input stamps. */
    protected CycleClock clock() {
        return clock;
    }

    /** Makes the driver that will run {@code handler}; start it once the ports exist. */
    protected TimerCycleDriver newDriver(RealTimeHandler handler, TimerCycleDriver.OutputSink sink) {
        driver = new TimerCycleDriver(handler, FRAMES_PER_CYCLE, sink, clock);
        return driver;
    }

    /** The driver, or null before {@link #newDriver}. */
    protected TimerCycleDriver driver() {
        return driver;
    }

    /** Stops the cycle thread; subclasses release their OS resources after it. */
    protected void stopDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Override
    public List<String> portNames() {
        return List.copyOf(portNames);
    }

    @Override
    public int sampleRate() {
        return TimerCycleDriver.SAMPLE_RATE;
    }

    @Override
    public int framesPerCycle() {
        return FRAMES_PER_CYCLE;
    }

    /** These OS APIs have no transport for Continuo to lead. */
    @Override
    public boolean offerTempo(double beatsPerMinute) {
        return false;
    }

    @Override
    public CycleLoad load() {
        return driver == null ? new CycleLoad() : driver.load();
    }
}
