#include "phrase_table.h"

#include <stdlib.h>

#define NO_SLOT (-1)

int continuo_phrase_table_init(continuo_phrase_table *table)
{
    table->slots = calloc(CONTINUO_PHRASE_SLOTS, sizeof *table->slots); /* pages are touched only when filled */
    if (table->slots == NULL) {
        return 0;
    }
    table->free_count = 0;
    for (uint32_t i = 0; i < CONTINUO_PHRASE_SLOTS; i++) {
        table->free_slots[table->free_count++] = (int32_t)(CONTINUO_PHRASE_SLOTS - 1 - i);
    }
    for (uint32_t i = 0; i < CONTINUO_PHRASES; i++) {
        table->active[i] = NO_SLOT;
        table->waiting[i] = NO_SLOT;
    }
    table->waiting_count = 0;
    table->staging = NO_SLOT;
    table->phrase_beats = 0.0;
    table->dropped_notes = 0;
    return 1;
}

void continuo_phrase_table_free(continuo_phrase_table *table)
{
    free(table->slots);
    table->slots = NULL;
}

static void release(continuo_phrase_table *table, int32_t *slot)
{
    if (*slot != NO_SLOT) {
        table->free_slots[table->free_count++] = *slot;
        *slot = NO_SLOT;
    }
}

static void drop_waiting(continuo_phrase_table *table, uint32_t index)
{
    if (table->waiting[index] != NO_SLOT) {
        release(table, &table->waiting[index]);
        table->waiting_count--;
    }
}

static void begin(continuo_phrase_table *table, const continuo_link_record *record)
{
    release(table, &table->staging); /* a phrase that never got its COMMIT */
    if (record->frames >= CONTINUO_PHRASES || table->free_count == 0 || !(record->value > 0.0)) {
        table->dropped_notes += record->rate;
        return;
    }
    table->staging = table->free_slots[--table->free_count];
    continuo_phrase *target = &table->slots[table->staging];
    target->start_beat = record->beat;
    target->length_beats = record->value;
    target->count = 0;
    for (uint32_t channel = 0; channel < CONTINUO_PHRASE_CHANNELS; channel++) {
        target->program[channel] = CONTINUO_NO_PROGRAM;
    }
    table->staging_index = record->frames;
    table->staging_waits = (record->flags & CONTINUO_LINK_WAIT_FOR_START) != 0;
    table->phrase_beats = record->value;
}

static void add_note(continuo_phrase_table *table, const continuo_link_record *record)
{
    continuo_phrase *target = &table->slots[table->staging];
    if (target->count == CONTINUO_NOTES_PER_PHRASE || !(record->value > record->beat)) {
        table->dropped_notes++;
        return;
    }
    continuo_phrase_note *note = &target->notes[target->count++];
    note->start_beats = record->beat;
    note->end_beats = record->value;
    note->channel = record->a & 0x0F;
    note->pitch = record->b & 0x7F;
    note->velocity = (record->c & 0x7F) != 0 ? (record->c & 0x7F) : 1; /* velocity 0 would be a note-off */
}

static int32_t commit(continuo_phrase_table *table, uint32_t index)
{
    int32_t slot = table->staging;
    table->staging = NO_SLOT;
    drop_waiting(table, index);
    if (table->staging_waits && table->active[index] != NO_SLOT) {
        table->waiting[index] = slot;
        table->waiting_count++;
        return CONTINUO_PHRASES_UNCHANGED;
    }
    release(table, &table->active[index]);
    table->active[index] = slot;
    return (int32_t)index;
}

static void clear(continuo_phrase_table *table)
{
    release(table, &table->staging);
    for (uint32_t i = 0; i < CONTINUO_PHRASES; i++) {
        release(table, &table->active[i]);
        drop_waiting(table, i);
    }
}

int32_t continuo_phrase_table_receive(continuo_phrase_table *table, const continuo_link_record *record)
{
    int staging = table->staging != NO_SLOT;
    switch (record->kind) {
    case CONTINUO_LINK_PHRASE_BEGIN:
        begin(table, record);
        break;
    case CONTINUO_LINK_PHRASE_NOTE:
        if (staging) {
            add_note(table, record);
        }
        break;
    case CONTINUO_LINK_PHRASE_PROGRAM:
        if (staging) {
            table->slots[table->staging].program[record->a & 0x0F] = (int16_t)(record->b & 0x7F);
        }
        break;
    case CONTINUO_LINK_PHRASE_COMMIT:
        if (staging && record->frames == table->staging_index) {
            return commit(table, record->frames);
        }
        break;
    case CONTINUO_LINK_CLEAR:
        clear(table);
        return CONTINUO_PHRASES_CLEARED;
    default:
        break;
    }
    return CONTINUO_PHRASES_UNCHANGED;
}

const continuo_phrase *continuo_phrase_table_active(const continuo_phrase_table *table, uint32_t index)
{
    return table->active[index] == NO_SLOT ? NULL : &table->slots[table->active[index]];
}

const continuo_phrase *continuo_phrase_table_waiting(const continuo_phrase_table *table, uint32_t index)
{
    return table->waiting[index] == NO_SLOT ? NULL : &table->slots[table->waiting[index]];
}

void continuo_phrase_table_take_over(continuo_phrase_table *table, uint32_t index)
{
    release(table, &table->active[index]);
    table->active[index] = table->waiting[index];
    table->waiting[index] = NO_SLOT;
    table->waiting_count--;
}
