/*
 * The playhead between the host's reports, as every format shim follows it: where the next block starts if
 * nothing jumped, when a position the host gives is a jump (a locate or a loop), and when it is the same position
 * rounded. Audio thread only; no allocation.
 */
#ifndef CONTINUO_CORE_HOST_CLOCK_H
#define CONTINUO_CORE_HOST_CLOCK_H

#include "player.h"

/* A host position further than this from the extrapolated one is a locate or a loop. */
#define CONTINUO_HOST_JUMP_BEATS 0.01
/*
 * For hosts that round positions: one closer than this to the extrapolated one is the same position, rounded.
 * Ardour hands positions in its ticks (1/1920 beat, 12.5 frames at 120 bpm and 48 kHz); following them would move
 * onsets by up to 6 frames.
 */
#define CONTINUO_HOST_ROUNDING_BEATS (1.0 / 960.0)

typedef struct continuo_host_clock {
    double next_beat; /* extrapolated quarter-note position of the next block's first frame */
    int was_rolling;
    double rounding_beats; /* 0 for hosts with exact positions, else CONTINUO_HOST_ROUNDING_BEATS */
} continuo_host_clock;

/*
 * Places block (rolling, tempo, sample rate and frames already set): at host_beat if the host gave one (placed),
 * unless it is within rounding_beats of the extrapolated beat while rolling on; else at the extrapolated beat.
 * Sets block's position and jumped.
 */
void continuo_host_clock_place(const continuo_host_clock *clock, continuo_transport *block, int placed,
                               double host_beat);

/* After the block is played: where the next one starts. */
void continuo_host_clock_advance(continuo_host_clock *clock, const continuo_transport *block);

#endif
