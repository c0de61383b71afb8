/*
 * The plug-in's player: the phrases the engine prepared, played as frame-accurate MIDI at the host's position.
 * Everything is allocated by continuo_player_create; receive and process run on the audio thread and never
 * allocate, lock or block. A table of sounding notes guarantees that every note-on gets its note-off.
 *
 * Rules: a note starts at phrase start + its start beat and ends at phrase start + its end beat; an event belongs
 * to the block whose frames hold round((beat - block beat) x 60 / tempo x rate), so contiguous blocks neither lose
 * nor repeat one. Phrases are looked up by index = floor(beat / phrase length) (the length of the last phrase
 * begun; the engine's phrases share one length), with one phrase of margin for phrases that start early. Where
 * playback starts, resumes after a jump, or a phrase under the playhead is replaced, the notes that span the first
 * frame start at once ("chased") and the phrase's programs are sent. Stop, jump, CLEAR, deactivate and replacement
 * end the notes concerned at frame 0; a key that is struck while it sounds is cut first at the same frame.
 */
#ifndef CONTINUO_CORE_PLAYER_H
#define CONTINUO_CORE_PLAYER_H

#include <stdint.h>

#include "continuo_link.h"
#include "midi_output.h"
#include "phrase_table.h"

/* The host's transport for one block. */
typedef struct continuo_transport {
    int rolling;
    int jumped;         /* not contiguous with the previous block (locate, loop) */
    int position;       /* beat and tempo come from the host this block, not extrapolated */
    double beat;        /* quarter notes from the song start, at the block's first frame */
    double tempo_bpm;   /* quarter notes per minute */
    double sample_rate; /* frames per second */
    uint32_t frames;
    uint8_t beats_per_bar;
    uint8_t beat_unit;
} continuo_transport;

typedef struct continuo_player continuo_player;

/* Not on the audio thread. Returns NULL when out of memory. */
continuo_player *continuo_player_create(void);
void continuo_player_destroy(continuo_player *player);

/* Audio thread: one record from the engine (PHRASE_* or CLEAR; other kinds are ignored). */
void continuo_player_receive(continuo_player *player, const continuo_link_record *record);

/*
 * Audio thread: appends the block's events to output and sorts the whole buffer by frame (note-offs, then program
 * changes, then note-ons at one frame), so a caller may append its own events first.
 */
void continuo_player_process(continuo_player *player, const continuo_transport *block, continuo_midi_output *output);

/* Audio thread (or while no block runs): every sounding note ends at frame 0 of the next processed block. */
void continuo_player_end_all(continuo_player *player);

/* The phrases the player holds (any thread may copy them out: continuo_phrase_table_copy). */
const continuo_phrase_table *continuo_player_phrases(const continuo_player *player);

/* Counters for the housekeeping side (approximate while the audio thread runs). */
uint32_t continuo_player_dropped_notes(const continuo_player *player);
uint32_t continuo_player_sounding(const continuo_player *player);

#endif
