/*
 * The phrases the engine prepared, by phrase index: each arrives between PHRASE_BEGIN and PHRASE_COMMIT into a
 * staging slot and replaces its index at COMMIT, or, with WAIT_FOR_START, waits until the player lets it take over.
 * All storage is allocated by init; receive never allocates (audio thread). Another thread may copy phrases out
 * at any time (continuo_phrase_table_copy, for the host's saved state) without the audio thread ever waiting: each
 * slot carries a generation, odd while it is written, and a copy that overlapped a write is taken again.
 */
#ifndef CONTINUO_CORE_PHRASE_TABLE_H
#define CONTINUO_CORE_PHRASE_TABLE_H

#include <stdatomic.h>
#include <stdint.h>

#include "continuo_link.h"

#define CONTINUO_PHRASES 1024u          /* phrase indices 0..1023 */
#define CONTINUO_NOTES_PER_PHRASE 1024u /* further notes of a phrase are dropped and counted */
#define CONTINUO_MELODY_PER_PHRASE 256u /* melody notes kept per phrase (for the saved state) */
#define CONTINUO_PHRASE_CHANNELS 16u
#define CONTINUO_NO_PROGRAM (-1)
/* Slots: one per index, plus room for the phrase being received and those waiting. */
#define CONTINUO_PHRASE_SLOTS (CONTINUO_PHRASES + 64u)

typedef struct continuo_phrase_note {
    double start_beats; /* from the phrase start */
    double end_beats;
    uint8_t channel;
    uint8_t pitch;
    uint8_t velocity; /* 1 to 127 */
} continuo_phrase_note;

typedef struct continuo_phrase {
    double start_beat;
    double length_beats;
    uint32_t count;
    uint32_t melody_count;
    int16_t program[CONTINUO_PHRASE_CHANNELS]; /* CONTINUO_NO_PROGRAM where the phrase keeps the program */
    continuo_phrase_note notes[CONTINUO_NOTES_PER_PHRASE];
    continuo_phrase_note melody[CONTINUO_MELODY_PER_PHRASE]; /* the melody accompanied, not played */
} continuo_phrase;

typedef struct continuo_phrase_table {
    continuo_phrase *slots;
    atomic_uint *generations; /* per slot: odd while the audio thread writes it */
    int32_t free_slots[CONTINUO_PHRASE_SLOTS];
    uint32_t free_count;
    _Atomic int32_t active[CONTINUO_PHRASES];  /* slot, or -1 */
    _Atomic int32_t waiting[CONTINUO_PHRASES]; /* WAIT_FOR_START replacements: slot, or -1 */
    uint32_t waiting_count;
    int32_t staging;
    uint32_t staging_index;
    int staging_waits;
    double phrase_beats; /* the length of the last phrase begun: phrase index = floor(beat / length) */
    uint32_t dropped_notes;
    atomic_uint commits; /* phrases received whole so far */
} continuo_phrase_table;

/* The link record that carries note (kind: PHRASE_NOTE, PHRASE_MELODY or RESTORE_NOTE). Any thread. */
continuo_link_record continuo_phrase_note_record(uint8_t kind, const continuo_phrase_note *note);

/* Not on the audio thread. Returns 0 when out of memory. */
int continuo_phrase_table_init(continuo_phrase_table *table);
void continuo_phrase_table_free(continuo_phrase_table *table);

#define CONTINUO_PHRASES_UNCHANGED (-1)
#define CONTINUO_PHRASES_CLEARED (-2)
/* Takes one record; returns the phrase index it replaced at once, or one of the two codes above. */
int32_t continuo_phrase_table_receive(continuo_phrase_table *table, const continuo_link_record *record);

/*
 * Any thread: copies the newest phrase at index (the one waiting to take over, else the one playing) into out.
 * Returns 0 if there is none. Retries while the audio thread rewrites the slot; never makes it wait.
 */
int continuo_phrase_table_copy(const continuo_phrase_table *table, uint32_t index, continuo_phrase *out);

/* The phrase playing at index, or NULL. */
const continuo_phrase *continuo_phrase_table_active(const continuo_phrase_table *table, uint32_t index);
/* The WAIT_FOR_START replacement waiting at index, or NULL. */
const continuo_phrase *continuo_phrase_table_waiting(const continuo_phrase_table *table, uint32_t index);
/* The waiting replacement at index becomes the active phrase. */
void continuo_phrase_table_take_over(continuo_phrase_table *table, uint32_t index);

#endif
