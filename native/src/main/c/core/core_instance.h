/*
 * The plug-in instance's insides, shared by the core's two files: plugin_core.c (the connection thread, parameters
 * and the audio thread's block) and core_state.c (the project state in and out). Not for the format shims.
 */
#ifndef CONTINUO_CORE_INSTANCE_H
#define CONTINUO_CORE_INSTANCE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "control.h"
#include "link.h"
#include "params.h"
#include "plugin_core.h"
#include "state.h"

#define CONTINUO_CORE_NAME_BYTES 64u
/* Records of restored phrases given to the player, and sent to the engine, per block at most. */
#define CONTINUO_CORE_RESTORE_RECORDS_PER_BLOCK 1024u

/* A restored state's phrases on their way into the player: made on the main thread, read by the audio thread. */
typedef struct restore_queue {
    continuo_state state;
    unsigned number; /* the restores' count when this one was made */
    uint32_t cursor; /* audio thread */
} restore_queue;

struct continuo_core {
    continuo_player *player;
    _Atomic(continuo_link *) link;
    /* Odd while the audio thread is inside process: lets the background thread know when an old link is unused. */
    atomic_uint_fast64_t audio_epoch;
    atomic_int stopping;
    pthread_t thread;
    /*
     * Audio thread only: the melody keys passed through while no link was in use, a bit per channel, so that their
     * note-offs still pass through once a link is (the engine never sent the note-on to the host).
     */
    uint16_t passed_keys[128];
    /* Set by deactivate: the keys passed through end at the next block (as they do when the transport stops). */
    atomic_int end_passed_request;
    int was_rolling; /* audio thread */
    char name[CONTINUO_CORE_NAME_BYTES];
    /* Parameter values as double bits; any thread writes, the audio thread and the background thread read. */
    atomic_uint_fast64_t params[CONTINUO_PARAM_COUNT];
    /* Set when the host changes BARS: the player forgets its phrases, which have the old length. */
    atomic_int clear_request;
    /* Bumped by the background thread for every link it installs: a new session knows nothing yet. */
    atomic_uint link_generation;
    /* Restores: the main thread publishes, the audio thread takes and retires, the background thread frees. */
    _Atomic(restore_queue *) pending_restore;
    _Atomic(restore_queue *) retired_restore;
    /* Main thread: the last restored state, saved as it is until the player has taken all of it. */
    unsigned char *restored;
    size_t restored_size;
    unsigned restores;
    atomic_uint restores_taken; /* the number of the last restore the player has taken in full */
    /* Audio thread only. */
    restore_queue *restore;
    unsigned seen_generation;
    double sent[CONTINUO_PARAM_COUNT]; /* NaN: to be sent */
    uint32_t resync_index;             /* the next phrase to tell a new session about */
    /* Background thread only. */
    char session[CONTINUO_CONTROL_FIELD_BYTES];
    uint32_t session_bars;
};

/* Any thread: stores a parameter's value as it is (already in range). */
void continuo_core_store_param(continuo_core *core, uint32_t id, double value);

/* Background thread: frees a restore the audio thread has retired (or never took). */
void continuo_core_free_restore(restore_queue *queue);

/* Audio thread: a restored state's phrases into the player, a bounded number of records per block. */
void continuo_core_take_restore(continuo_core *core);

/* Audio thread: tells a new session the melodies of the phrases the player already holds. */
void continuo_core_resync(continuo_core *core, continuo_link *link);

#endif
