/*
 * The link between a Continuo plug-in instance and the Continuo engine: one shared-memory file per instance, made
 * by the engine, mapped by both. Two single-producer/single-consumer rings of fixed 32-byte records: the plug-in
 * tells the engine what the host plays (the transport of every block, the melody's events at musical positions);
 * the engine sends back each phrase's accompaniment as notes at musical positions, which the plug-in's player turns
 * into frame-accurate events. Neither side ever waits for the other.
 *
 * All integers are little-endian (every platform Continuo runs on), in the file's byte order as mapped. Positions
 * are in beats (quarter notes) from the song start, as the host reports them. This header is the protocol's single
 * definition; the engine's Java side mirrors it (bridge/.../plugin/LinkLayout) and a test compares the two.
 */
#ifndef CONTINUO_LINK_H
#define CONTINUO_LINK_H

#include <stdint.h>

#define CONTINUO_LINK_MAGIC 0x4F544E43u /* "CNTO" */
#define CONTINUO_LINK_VERSION 2u

/* The file: header, then the ring to the engine, then the ring to the plug-in. */
#define CONTINUO_LINK_HEADER_BYTES 256u
#define CONTINUO_LINK_RECORD_BYTES 32u
/* Records per ring (a power of two). */
#define CONTINUO_LINK_TO_ENGINE_RECORDS 4096u
#define CONTINUO_LINK_TO_PLUGIN_RECORDS 16384u
/* A ring: consumer index (uint64) at +0, producer index (uint64) at +64, records from +128. */
#define CONTINUO_LINK_RING_HEAD 0u
#define CONTINUO_LINK_RING_TAIL 64u
#define CONTINUO_LINK_RING_RECORDS 128u
#define CONTINUO_LINK_RING_BYTES(records) (CONTINUO_LINK_RING_RECORDS + (records) * CONTINUO_LINK_RECORD_BYTES)
#define CONTINUO_LINK_TO_ENGINE_OFFSET CONTINUO_LINK_HEADER_BYTES
#define CONTINUO_LINK_TO_PLUGIN_OFFSET \
    (CONTINUO_LINK_TO_ENGINE_OFFSET + CONTINUO_LINK_RING_BYTES(CONTINUO_LINK_TO_ENGINE_RECORDS))
#define CONTINUO_LINK_FILE_BYTES \
    (CONTINUO_LINK_TO_PLUGIN_OFFSET + CONTINUO_LINK_RING_BYTES(CONTINUO_LINK_TO_PLUGIN_RECORDS))

/* Header fields (byte offsets). The engine writes magic, version and the sizes before it answers the plug-in. */
#define CONTINUO_LINK_H_MAGIC 0u            /* uint32 */
#define CONTINUO_LINK_H_VERSION 4u          /* uint32 */
#define CONTINUO_LINK_H_ENGINE_BEAT 64u     /* uint64: the engine adds 1 at every housekeeping round (~20 per s) */
#define CONTINUO_LINK_H_PLUGIN_BEAT 128u    /* uint64: the plug-in adds 1 every block */
#define CONTINUO_LINK_H_CLOSED 192u         /* uint32: 1 once the engine has let the link go */

/*
 * A record. Fields by kind:
 *
 * To the engine:
 *   BLOCK  flags (ROLLING, POSITION, JUMPED), a = beats per bar, b = beat unit, frames = frames in the block,
 *          beat = position at the block's first frame, value = tempo (beats per minute), rate = sample rate.
 *          Sent for every block (when the ring has room), before the block's NOTE records.
 *   NOTE   a = status byte, b = data 1, c = data 2, frames = offset in the block, beat = the event's position.
 *   SETTING        a = parameter id (continuo_params.h), value = its value. Sent for every parameter when a link
 *                  opens, and again whenever one changes.
 *   RESTORE_BEGIN  frames = phrase index, beat = phrase start, value = phrase length in beats, rate = note count:
 *                  a phrase the plug-in already holds (from the host's saved state, or from an earlier session),
 *                  sent once after a link opens so the engine can re-voice it later without hearing it again.
 *   RESTORE_NOTE   a = channel, b = pitch, c = velocity, beat = start, value = end (from the phrase start): one
 *                  melody note of that phrase.
 *   RESTORE_COMMIT frames = phrase index.
 *
 * To the plug-in (one phrase at a time, between BEGIN and COMMIT; a phrase replaces the one with its index):
 *   PHRASE_BEGIN   frames = phrase index, beat = phrase start, value = phrase length in beats, rate = note count,
 *                  flags WAIT_FOR_START if it replaces a phrase already heard only when that phrase next starts.
 *   PHRASE_NOTE    a = channel (0-15), b = pitch, c = velocity, beat = start, value = end (both from the phrase
 *                  start, in beats).
 *   PHRASE_PROGRAM a = channel, b = General MIDI program (sent before the notes when the phrase changes it).
 *   PHRASE_MELODY  as PHRASE_NOTE, for a note of the melody the phrase accompanies: not played, but kept for the
 *                  host's saved state.
 *   PHRASE_COMMIT  frames = phrase index.
 *   CLEAR          every phrase is forgotten (a new song, or the session was reset).
 */
enum continuo_link_kind {
    CONTINUO_LINK_BLOCK = 1,
    CONTINUO_LINK_NOTE = 2,
    CONTINUO_LINK_SETTING = 3,
    CONTINUO_LINK_RESTORE_BEGIN = 4,
    CONTINUO_LINK_RESTORE_NOTE = 5,
    CONTINUO_LINK_RESTORE_COMMIT = 6,
    CONTINUO_LINK_PHRASE_BEGIN = 16,
    CONTINUO_LINK_PHRASE_NOTE = 17,
    CONTINUO_LINK_PHRASE_PROGRAM = 18,
    CONTINUO_LINK_PHRASE_COMMIT = 19,
    CONTINUO_LINK_CLEAR = 20,
    CONTINUO_LINK_PHRASE_MELODY = 21
};

enum continuo_link_flags {
    CONTINUO_LINK_ROLLING = 1,       /* BLOCK: the transport rolls */
    CONTINUO_LINK_POSITION = 2,      /* BLOCK: beat, bars and tempo are the host's (not extrapolated) */
    CONTINUO_LINK_JUMPED = 4,        /* BLOCK: not contiguous with the previous block (locate, loop) */
    CONTINUO_LINK_WAIT_FOR_START = 8 /* PHRASE_BEGIN: replace at the phrase's next start */
};

/*
 * SETTING parameter ids and the meaning of their values (ranges and defaults: core/params.c, the one table every
 * format shim shows its host). The plug-in applies CAPTURE, THRU and BARS itself; the engine applies the rest.
 *   CAPTURE            1 = the melody is sent to the engine, 0 = not (the accompaniment plays on)
 *   THRU               1 = the melody is passed to the plug-in's output as well
 *   PRESET             0 = the engine's default, n = the n-th preset in `continuo presets` (Program Change n - 1)
 *   BARS               bars per phrase, 0 = the engine's default (the plug-in opens a new session on a change)
 *   DENSITY            0 sparse … 1 busy
 *   SEED               noise seed
 *   NOISE              noise scale (1 = as trained)
 *   HUMANIZE           0 … 1
 *   VARIATION          another take of the same melody and settings for every value
 *   MUTE_1 + p, SOLO_1 + p           part p (0-3): 1 = muted / soloed (as well as what the preset mutes or solos)
 *   OCTAVE_1 + p       octaves added to the preset's for part p
 *   VELOCITY_1 + p     percent of the preset's velocity for part p
 */
enum continuo_link_param {
    CONTINUO_LINK_PARAM_CAPTURE = 0,
    CONTINUO_LINK_PARAM_THRU = 1,
    CONTINUO_LINK_PARAM_PRESET = 2,
    CONTINUO_LINK_PARAM_BARS = 3,
    CONTINUO_LINK_PARAM_DENSITY = 4,
    CONTINUO_LINK_PARAM_SEED = 5,
    CONTINUO_LINK_PARAM_NOISE = 6,
    CONTINUO_LINK_PARAM_HUMANIZE = 7,
    CONTINUO_LINK_PARAM_VARIATION = 8,
    CONTINUO_LINK_PARAM_MUTE_1 = 9,
    CONTINUO_LINK_PARAM_SOLO_1 = 13,
    CONTINUO_LINK_PARAM_OCTAVE_1 = 17,
    CONTINUO_LINK_PARAM_VELOCITY_1 = 21,
    CONTINUO_LINK_PARAMS = 25
};

typedef struct continuo_link_record {
    uint8_t kind;
    uint8_t flags;
    uint8_t a;
    uint8_t b;
    uint8_t c;
    uint8_t reserved[3];
    uint32_t frames;
    uint32_t rate;
    double beat;
    double value;
} continuo_link_record;

#endif
