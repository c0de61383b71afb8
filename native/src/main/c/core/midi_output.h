/* A block's MIDI output: a caller-owned, fixed buffer of events at frame offsets. Safe on the audio thread. */
#ifndef CONTINUO_CORE_MIDI_OUTPUT_H
#define CONTINUO_CORE_MIDI_OUTPUT_H

#include <stdint.h>

typedef struct continuo_midi_event {
    uint32_t offset_frames;
    uint8_t size; /* 1 to 3 */
    uint8_t bytes[3];
} continuo_midi_event;

/* Events past capacity are dropped and counted. */
typedef struct continuo_midi_output {
    continuo_midi_event *events;
    uint32_t capacity;
    uint32_t count;
    uint32_t dropped;
} continuo_midi_output;

void continuo_midi_output_add(continuo_midi_output *output, uint32_t offset_frames, uint8_t size, uint8_t status,
                              uint8_t data1, uint8_t data2);

/*
 * Stable sort by frame; at one frame note-offs come first (so a key that ends and restarts there is cut, not
 * silenced), then program changes (so the new program applies to the notes), then everything else.
 */
void continuo_midi_output_sort(continuo_midi_output *output);

#endif
