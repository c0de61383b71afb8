/*
 * What every format shim shares: one plug-in instance = the player, the link to the engine (absent while the
 * engine is not reachable) and a background thread that connects, watches and reconnects.
 *
 * Threads: create and destroy on the host's instantiation thread; process on the audio thread, never
 * concurrently with itself; deactivate on the host's instantiation thread while no process call runs.
 */
#ifndef CONTINUO_CORE_PLUGIN_CORE_H
#define CONTINUO_CORE_PLUGIN_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "midi_output.h"
#include "player.h"

/* The engine is taken for gone when its heartbeat has not moved for this long. */
#define CONTINUO_CORE_ENGINE_SILENCE_MS 2000
/* Records taken from the engine per block at most, so one block's work stays bounded. */
#define CONTINUO_CORE_RECORDS_PER_BLOCK 4096u

typedef struct continuo_core continuo_core;

/*
 * Makes the instance and starts its background thread, which sends "plugin-open NAME" (name: one word, e.g. the
 * format; other characters become '-'). Returns NULL when out of memory or no thread can start.
 */
continuo_core *continuo_core_create(const char *name);

/* Stops the background thread, sends "plugin-close SESSION" if a session is open, unmaps and frees. */
void continuo_core_destroy(continuo_core *core);

/*
 * Audio thread: one block. Sends a BLOCK record and one NOTE record per melody event to the engine, takes the
 * engine's phrases into the player and plays them into output (sorted by frame). The melody is passed through to
 * output with the THRU parameter on, and always without a link (the player then plays the phrases it already has);
 * the note-offs of notes passed through still pass when neither holds any more, and notes passed through end when
 * the transport stops, so none is left hanging. Never allocates, locks or blocks.
 */
void continuo_core_process(continuo_core *core, const continuo_transport *block, const continuo_midi_event *melody,
                           uint32_t melody_count, continuo_midi_output *output);

/* The host deactivates the plug-in: every sounding note, played or passed through, ends at the next block's start. */
void continuo_core_deactivate(continuo_core *core);

/*
 * Parameters (ids: continuo_link.h, ranges: params.h). Any thread, the audio thread included: set stores the
 * value brought into range, and the engine hears of it in the next block. Changing BARS starts a new session and
 * forgets the phrases, which have the old length.
 */
void continuo_core_set_param(continuo_core *core, uint32_t id, double value);
double continuo_core_param(const continuo_core *core, uint32_t id);

/*
 * The host's project state (state.h), on its main thread, while the audio thread may run. save writes the
 * parameters and every phrase into a new buffer (the caller frees it with free); restore checks a saved state and,
 * only if it is whole, takes its parameters at once and hands its phrases to the player (over the next blocks)
 * and then to the engine. Both return a continuo_state_error (continuo_state_describe says it in words).
 */
int continuo_core_save(continuo_core *core, unsigned char **data, size_t *size);
int continuo_core_restore(continuo_core *core, const unsigned char *data, size_t size);

/* Phrases received from the engine (or a restored state) so far; any thread, for status. */
uint32_t continuo_core_phrases(const continuo_core *core);

/* Nonzero while a link is in use (any thread; for status and tests). */
int continuo_core_connected(const continuo_core *core);

#endif
