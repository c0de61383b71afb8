/*
 * The plug-in's saved state, as the host keeps it in its project: the parameters and every phrase the player
 * holds (its accompaniment, programs and the melody it accompanies), so that a reopened project plays the same
 * accompaniment without the engine. The format is the link's own records (continuo_link.h) after a small header:
 *
 *   uint32 magic "CNTS", uint32 version, uint32 record count, uint32 0, then the records:
 *   a SETTING per parameter, then per phrase PHRASE_BEGIN, its PHRASE_PROGRAMs, PHRASE_MELODYs and PHRASE_NOTEs,
 *   and PHRASE_COMMIT.
 *
 * Little-endian. Writing and reading run on the host's main thread, never on the audio thread.
 */
#ifndef CONTINUO_CORE_STATE_H
#define CONTINUO_CORE_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "continuo_link.h"
#include "phrase_table.h"

#define CONTINUO_STATE_MAGIC 0x53544E43u /* "CNTS" */
#define CONTINUO_STATE_VERSION 1u
#define CONTINUO_STATE_HEADER_BYTES 16u
/* Every phrase full: the most records a state can hold. */
#define CONTINUO_STATE_MAX_RECORDS \
    (CONTINUO_LINK_PARAMS + CONTINUO_PHRASES * (2u + CONTINUO_PHRASE_CHANNELS + CONTINUO_MELODY_PER_PHRASE \
                                                + CONTINUO_NOTES_PER_PHRASE))

/* The largest state Continuo writes, in bytes. */
#define CONTINUO_STATE_MAX_BYTES \
    (CONTINUO_STATE_HEADER_BYTES + (size_t)CONTINUO_STATE_MAX_RECORDS * CONTINUO_LINK_RECORD_BYTES)

enum continuo_state_error {
    CONTINUO_STATE_OK = 0,
    CONTINUO_STATE_NO_MEMORY = -1,
    CONTINUO_STATE_NOT_CONTINUO = -2, /* too short, or another magic */
    CONTINUO_STATE_NEWER = -3,        /* a version this build does not know */
    CONTINUO_STATE_DAMAGED = -4       /* a size, kind, field or order that no saved state has */
};

/* A restored state: its parameters, and the records that rebuild its phrases (CLEAR first), for the player. */
typedef struct continuo_state {
    double params[CONTINUO_LINK_PARAMS];
    continuo_link_record *records;
    uint32_t count;
} continuo_state;

/*
 * Writes params and every phrase of table (none if table is NULL) into a new buffer (free it with free). Returns a
 * continuo_state_error.
 */
int continuo_state_write(const continuo_phrase_table *table, const double *params, unsigned char **data,
                         size_t *size);

/* The state of an instance that has no core yet: every parameter's default and no phrase (see write). */
int continuo_state_write_defaults(unsigned char **data, size_t *size);

/* Reads up to capacity bytes of a host's stream into buffer: the bytes read, 0 at its end, negative on an error. */
typedef long (*continuo_state_reader)(void *context, unsigned char *buffer, size_t capacity);

/*
 * A host's saved-state stream read to its end into a new buffer (free it with free), *size its length; NULL on a read
 * error, without memory, or past CONTINUO_STATE_MAX_BYTES (no state Continuo writes is that long). Main thread only.
 */
unsigned char *continuo_state_read_stream(continuo_state_reader read, void *context, size_t *size);

/* Reads and checks a saved state; on success out->records is a new buffer (free it with free). */
int continuo_state_read(const unsigned char *data, size_t size, continuo_state *out);

/* What an error code means, in a few words. */
const char *continuo_state_describe(int error);

#endif
