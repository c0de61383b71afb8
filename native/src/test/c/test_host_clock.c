/* The shims' playhead between host reports (core/host_clock): extrapolation, jumps, and rounded host positions. */
#include "host_clock.h"
#include "test_runner.h"

static continuo_transport block_of(int rolling)
{
    continuo_transport block = {0};
    block.rolling = rolling;
    block.tempo_bpm = 120.0;
    block.sample_rate = 48000.0;
    block.frames = 256;
    return block;
}

static void an_exact_host_is_followed_and_jumps_are_told(void)
{
    continuo_host_clock clock = {0};
    continuo_transport block = block_of(1);
    continuo_host_clock_place(&clock, &block, 1, 4.0); /* the first rolling block: taken as given, no jump */
    CHECK(block.beat == 4.0 && block.position && !block.jumped);
    continuo_host_clock_advance(&clock, &block);
    CHECK(clock.next_beat == 4.0 + 256 / 24000.0 && clock.was_rolling);

    block = block_of(1);
    continuo_host_clock_place(&clock, &block, 1, clock.next_beat + 0.005); /* a tempo ramp's drift */
    CHECK(block.beat == clock.next_beat + 0.005 && !block.jumped);
    block = block_of(1);
    continuo_host_clock_place(&clock, &block, 1, clock.next_beat + 0.02); /* a loop or a locate */
    CHECK(block.beat == clock.next_beat + 0.02 && block.jumped);
    block = block_of(1);
    double expected = clock.next_beat;
    continuo_host_clock_place(&clock, &block, 0, 99.0); /* no position from the host: extrapolated */
    CHECK(block.beat == expected && !block.position && !block.jumped);

    block = block_of(0);
    continuo_host_clock_place(&clock, &block, 1, 8.0);
    continuo_host_clock_advance(&clock, &block);
    CHECK(clock.next_beat == 8.0 && !clock.was_rolling); /* stopped: stays where it is */
    block = block_of(1);
    continuo_host_clock_place(&clock, &block, 1, 12.0); /* starting to roll elsewhere is no jump */
    CHECK(block.beat == 12.0 && !block.jumped);
}

static void a_rounding_host_keeps_the_extrapolation_within_its_rounding(void)
{
    continuo_host_clock clock = {10.0, 1, CONTINUO_HOST_ROUNDING_BEATS};
    continuo_transport block = block_of(1);
    continuo_host_clock_place(&clock, &block, 1, 10.0 + 1.0 / 1920.0); /* one of Ardour's ticks off */
    CHECK(block.beat == 10.0 && block.position && !block.jumped);
    block = block_of(1);
    continuo_host_clock_place(&clock, &block, 1, 10.0 + 3.0 / 1920.0); /* beyond two ticks: resynchronised */
    CHECK(block.beat == 10.0 + 3.0 / 1920.0 && !block.jumped);
    clock.was_rolling = 0;
    block = block_of(1);
    continuo_host_clock_place(&clock, &block, 1, 10.0 + 1.0 / 1920.0); /* not rolling on: the host's position */
    CHECK(block.beat == 10.0 + 1.0 / 1920.0);
}

void host_clock_tests(void)
{
    run_test("host clock: an exact host, jumps", an_exact_host_is_followed_and_jumps_are_told);
    run_test("host clock: a rounding host", a_rounding_host_keeps_the_extrapolation_within_its_rounding);
}
