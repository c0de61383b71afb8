/* The plug-in instance's project state: saved and restored on the host's main thread, taken into the player and
 * told to a new session on the audio thread (see core_instance.h). */
#include "core_instance.h"

#include <stdlib.h>
#include <string.h>

void continuo_core_free_restore(restore_queue *queue)
{
    if (queue != NULL) {
        free(queue->state.records);
        free(queue);
    }
}

/* Tells a new session the melodies of the phrases the player already holds, a few per block, each whole. */
void continuo_core_resync(continuo_core *core, continuo_link *link)
{
    const continuo_phrase_table *table = continuo_player_phrases(core->player);
    uint32_t budget = CONTINUO_CORE_RESTORE_RECORDS_PER_BLOCK;
    for (; core->resync_index < CONTINUO_PHRASES; core->resync_index++) {
        const continuo_phrase *phrase = continuo_phrase_table_waiting(table, core->resync_index);
        phrase = phrase != NULL ? phrase : continuo_phrase_table_active(table, core->resync_index);
        if (phrase == NULL || phrase->melody_count == 0) {
            continue;
        }
        uint32_t needed = phrase->melody_count + 2u;
        if (needed > budget || needed > continuo_ring_room(&link->to_engine)) {
            return;
        }
        budget -= needed;
        continuo_link_record record = {0};
        record.kind = CONTINUO_LINK_RESTORE_BEGIN;
        record.frames = core->resync_index;
        record.rate = phrase->melody_count;
        record.beat = phrase->start_beat;
        record.value = phrase->length_beats;
        continuo_ring_push(&link->to_engine, &record);
        for (uint32_t n = 0; n < phrase->melody_count; n++) {
            continuo_link_record note = continuo_phrase_note_record(CONTINUO_LINK_RESTORE_NOTE, &phrase->melody[n]);
            continuo_ring_push(&link->to_engine, &note);
        }
        record.kind = CONTINUO_LINK_RESTORE_COMMIT;
        record.rate = 0;
        continuo_ring_push(&link->to_engine, &record);
    }
}

/* A restored state's phrases go into the player, a bounded number of records per block. */
void continuo_core_take_restore(continuo_core *core)
{
    if (core->restore == NULL && atomic_load_explicit(&core->retired_restore, memory_order_acquire) == NULL) {
        core->restore = atomic_exchange(&core->pending_restore, NULL);
    }
    restore_queue *queue = core->restore;
    if (queue == NULL) {
        return;
    }
    uint32_t end = queue->state.count - queue->cursor > CONTINUO_CORE_RESTORE_RECORDS_PER_BLOCK
                       ? queue->cursor + CONTINUO_CORE_RESTORE_RECORDS_PER_BLOCK
                       : queue->state.count;
    for (; queue->cursor < end; queue->cursor++) {
        continuo_player_receive(core->player, &queue->state.records[queue->cursor]);
    }
    if (queue->cursor == queue->state.count) {
        core->restore = NULL;
        core->resync_index = 0; /* the session hears of the restored phrases */
        atomic_store(&core->restores_taken, queue->number);
        atomic_store_explicit(&core->retired_restore, queue, memory_order_release);
    }
}

int continuo_core_save(continuo_core *core, unsigned char **data, size_t *size)
{
    if (atomic_load(&core->restores_taken) != core->restores && core->restored != NULL) {
        unsigned char *copy = malloc(core->restored_size);
        if (copy == NULL) {
            return CONTINUO_STATE_NO_MEMORY;
        }
        memcpy(copy, core->restored, core->restored_size);
        *data = copy;
        *size = core->restored_size;
        return CONTINUO_STATE_OK;
    }
    double params[CONTINUO_PARAM_COUNT];
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        params[id] = continuo_core_param(core, id);
    }
    return continuo_state_write(continuo_player_phrases(core->player), params, data, size);
}

int continuo_core_restore(continuo_core *core, const unsigned char *data, size_t size)
{
    restore_queue *queue = calloc(1, sizeof *queue);
    unsigned char *copy = malloc(size > 0 ? size : 1);
    int outcome = queue != NULL && copy != NULL ? continuo_state_read(data, size, &queue->state)
                                                : CONTINUO_STATE_NO_MEMORY;
    if (outcome != CONTINUO_STATE_OK) {
        free(queue);
        free(copy);
        return outcome;
    }
    memcpy(copy, data, size);
    free(core->restored);
    core->restored = copy;
    core->restored_size = size;
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        continuo_core_store_param(core, id, queue->state.params[id]);
    }
    queue->number = ++core->restores;
    continuo_core_free_restore(atomic_exchange(&core->pending_restore, queue)); /* one the audio thread never took */
    return CONTINUO_STATE_OK;
}
