/*
 * The test host's transport: a song position in whole frames at a constant tempo and meter, optionally looping
 * over [loop start, loop end) in beats. Blocks are cut at the loop end, as hosts do, so the plug-in sees the jump
 * at a block's first frame. Positions in beats are quarter notes.
 */
#ifndef CONTINUO_CLAP_TIMELINE_H
#define CONTINUO_CLAP_TIMELINE_H

#include <stdint.h>

#include "clap_abi.h"

typedef struct clap_timeline {
    double sample_rate;
    double tempo_bpm;
    uint16_t beats_per_bar;
    uint16_t beat_unit;
    int playing;
    int64_t position_frames; /* song position of the next block's first frame */
    int64_t loop_start_frames;
    int64_t loop_end_frames; /* not above loop_start_frames: no loop */
} clap_timeline;

/* Stopped at frame 0, no loop. */
void clap_timeline_init(clap_timeline *timeline, double sample_rate, double tempo_bpm, uint16_t beats_per_bar,
                        uint16_t beat_unit);

/* Loops over [start, end) beats, rounded to frames. */
void clap_timeline_loop(clap_timeline *timeline, double start_beats, double end_beats);

/* Frames of beats at the timeline's tempo and rate (not rounded). */
double clap_timeline_frames(const clap_timeline *timeline, double beats);

/* The next block: its frames (max_frames, or fewer up to the loop end) and its transport at the first frame. */
uint32_t clap_timeline_next(const clap_timeline *timeline, uint32_t max_frames,
                            continuo_clap_event_transport *transport);

/* After a block of frames: moves on while playing; returns 1 where it wrapped to the loop start. */
int clap_timeline_advance(clap_timeline *timeline, uint32_t frames);

#endif
