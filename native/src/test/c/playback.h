/* Test support: feeds phrases to a player and plays it block by block, collecting events at absolute frames. */
#ifndef CONTINUO_TEST_PLAYBACK_H
#define CONTINUO_TEST_PLAYBACK_H

#include <stdint.h>

#include "player.h"

#define PLAYBACK_EVENTS 8192

typedef struct test_note {
    uint8_t channel;
    uint8_t pitch;
    double start_beats; /* from the phrase start */
    double end_beats;
} test_note;

typedef struct played {
    long frame; /* from the first block played */
    uint8_t status;
    uint8_t data1;
    uint8_t data2;
} played;

typedef struct playback {
    continuo_player *player;
    double sample_rate;
    double tempo_bpm;
    uint32_t block_frames;
    double beat; /* of the next block's first frame */
    long frame;  /* of the next block's first frame */
    played events[PLAYBACK_EVENTS];
    int count;
    int unordered_blocks; /* blocks whose events were not in non-decreasing frame order */
} playback;

void playback_init(playback *run, double sample_rate, double tempo_bpm, uint32_t block_frames);
void playback_free(playback *run);

/* Sends BEGIN, the programs (channel, program pairs; may be NULL), the notes and COMMIT. */
void send_phrase(continuo_player *player, uint32_t index, double start_beat, double length_beats, uint8_t flags,
                 const test_note *notes, int note_count, const uint8_t (*programs)[2], int program_count);

/* One block at run->beat (or, when jumped, at beat); rolling 0 plays a stopped block. */
void play_block(playback *run, int rolling, int jumped, double beat);
/* Contiguous rolling blocks until run->beat reaches end_beat. */
void play_until(playback *run, double end_beat);

/* The index of the first event from index `from` with that status and data 1, or -1. */
int find_event(const playback *run, int from, uint8_t status, uint8_t data1);
/* Note-ons minus note-offs over every key: 0 when nothing hangs. */
int unbalanced_notes(const playback *run);

#endif
