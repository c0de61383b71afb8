package dev.continuo.bridge.backend;

/** Drives a substitute library that fails the {@code n}th fallible call of {@code open}, for n = 1, 2, … */
public final class FailingSteps {

    private static final int MOST_STEPS = 100;

    /** One open whose {@code step}th fallible call fails; checks what was released. */
    public interface Attempt {
        /** @return true if open succeeded (there are fewer fallible calls than {@code step}) */
        boolean open(int step) throws Exception;
    }

    private FailingSteps() {
    }

    /** @return how many steps made open fail before one let it succeed */
    public static int untilOpenSucceeds(Attempt attempt) throws Exception {
        for (int step = 1; step <= MOST_STEPS; step++) {
            if (attempt.open(step)) {
                return step - 1;
            }
        }
        throw new AssertionError("open failed at every one of " + MOST_STEPS + " steps");
    }
}
