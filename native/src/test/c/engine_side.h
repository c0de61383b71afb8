/*
 * Test support for the format shims' tests: the engine's side of a link (waiting for the plug-in's first block,
 * draining what it sent, sending it a phrase) and a plain sleep.
 */
#ifndef CONTINUO_TEST_ENGINE_SIDE_H
#define CONTINUO_TEST_ENGINE_SIDE_H

#include <stdint.h>

#include "link.h"

void test_sleep_ms(int ms);

/* Drops everything the plug-in sent. */
void engine_side_drain(continuo_link *link);

/* The next BLOCK record the plug-in sent (skipping others) into block; 0 when there is none yet. */
int engine_side_next_block(continuo_link *link, continuo_link_record *block);

/* Calls run_block(host) every 5 ms until a BLOCK record arrives on link: 1, or 0 after 3 s. */
int engine_side_await_block(continuo_link *link, void (*run_block)(void *host), void *host);

/*
 * Sends phrase 0: length_beats from beat 0, with a note at each of note_beats (half a beat long, velocity 90) on
 * channel index channel, pitches first_pitch, first_pitch + 1, ...
 */
void engine_side_send_phrase(continuo_link *link, const double *note_beats, uint32_t count, double length_beats,
                             uint8_t channel, uint8_t first_pitch);

#endif
