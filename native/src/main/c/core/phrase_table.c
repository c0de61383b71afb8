#include "phrase_table.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>

#define NO_SLOT (-1)

continuo_link_record continuo_phrase_note_record(uint8_t kind, const continuo_phrase_note *note)
{
    continuo_link_record record = {0};
    record.kind = kind;
    record.a = note->channel;
    record.b = note->pitch;
    record.c = note->velocity;
    record.beat = note->start_beats;
    record.value = note->end_beats;
    return record;
}

int continuo_phrase_table_init(continuo_phrase_table *table)
{
    table->slots = calloc(CONTINUO_PHRASE_SLOTS, sizeof *table->slots); /* pages are touched only when filled */
    table->generations = calloc(CONTINUO_PHRASE_SLOTS, sizeof *table->generations);
    if (table->slots == NULL || table->generations == NULL) {
        continuo_phrase_table_free(table);
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
    atomic_init(&table->commits, 0);
    return 1;
}

void continuo_phrase_table_free(continuo_phrase_table *table)
{
    free(table->slots);
    free(table->generations);
    table->slots = NULL;
    table->generations = NULL;
}

static void release(continuo_phrase_table *table, _Atomic int32_t *slot)
{
    int32_t held = atomic_load_explicit(slot, memory_order_relaxed);
    if (held != NO_SLOT) {
        atomic_store_explicit(slot, NO_SLOT, memory_order_release);
        table->free_slots[table->free_count++] = held;
    }
}

static void release_staging(continuo_phrase_table *table)
{
    if (table->staging != NO_SLOT) {
        atomic_fetch_add_explicit(&table->generations[table->staging], 1, memory_order_release);
        table->free_slots[table->free_count++] = table->staging;
        table->staging = NO_SLOT;
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
    release_staging(table); /* a phrase that never got its COMMIT */
    if (record->frames >= CONTINUO_PHRASES || table->free_count == 0 || !(record->value > 0.0)) {
        table->dropped_notes += record->rate;
        return;
    }
    table->staging = table->free_slots[--table->free_count];
    atomic_fetch_add_explicit(&table->generations[table->staging], 1, memory_order_relaxed); /* now odd */
    atomic_thread_fence(memory_order_release);
    continuo_phrase *target = &table->slots[table->staging];
    target->start_beat = record->beat;
    target->length_beats = record->value;
    target->count = 0;
    target->melody_count = 0;
    for (uint32_t channel = 0; channel < CONTINUO_PHRASE_CHANNELS; channel++) {
        target->program[channel] = CONTINUO_NO_PROGRAM;
    }
    table->staging_index = record->frames;
    table->staging_waits = (record->flags & CONTINUO_LINK_WAIT_FOR_START) != 0;
    table->phrase_beats = record->value;
}

static void add_note(continuo_phrase_table *table, const continuo_link_record *record, int melody)
{
    continuo_phrase *target = &table->slots[table->staging];
    uint32_t *count = melody ? &target->melody_count : &target->count;
    if (*count == (melody ? CONTINUO_MELODY_PER_PHRASE : CONTINUO_NOTES_PER_PHRASE)
        || !(record->value > record->beat)) {
        table->dropped_notes += melody ? 0u : 1u;
        return;
    }
    continuo_phrase_note *note = melody ? &target->melody[(*count)++] : &target->notes[(*count)++];
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
    atomic_fetch_add_explicit(&table->generations[slot], 1, memory_order_release); /* even: written */
    atomic_fetch_add_explicit(&table->commits, 1, memory_order_relaxed);
    drop_waiting(table, index);
    if (table->staging_waits && atomic_load_explicit(&table->active[index], memory_order_relaxed) != NO_SLOT) {
        atomic_store_explicit(&table->waiting[index], slot, memory_order_release);
        table->waiting_count++;
        return CONTINUO_PHRASES_UNCHANGED;
    }
    release(table, &table->active[index]);
    atomic_store_explicit(&table->active[index], slot, memory_order_release);
    return (int32_t)index;
}

static void clear(continuo_phrase_table *table)
{
    release_staging(table);
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
            add_note(table, record, 0);
        }
        break;
    case CONTINUO_LINK_PHRASE_MELODY:
        if (staging) {
            add_note(table, record, 1);
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
    int32_t slot = atomic_load_explicit(&table->active[index], memory_order_relaxed);
    return slot == NO_SLOT ? NULL : &table->slots[slot];
}

const continuo_phrase *continuo_phrase_table_waiting(const continuo_phrase_table *table, uint32_t index)
{
    int32_t slot = atomic_load_explicit(&table->waiting[index], memory_order_relaxed);
    return slot == NO_SLOT ? NULL : &table->slots[slot];
}

void continuo_phrase_table_take_over(continuo_phrase_table *table, uint32_t index)
{
    int32_t slot = atomic_load_explicit(&table->waiting[index], memory_order_relaxed);
    atomic_store_explicit(&table->waiting[index], NO_SLOT, memory_order_release);
    release(table, &table->active[index]);
    atomic_store_explicit(&table->active[index], slot, memory_order_release);
    table->waiting_count--;
}

/* The newest slot at index, or NO_SLOT. */
static int32_t newest_slot(const continuo_phrase_table *table, uint32_t index)
{
    int32_t slot = atomic_load_explicit(&table->waiting[index], memory_order_acquire);
    return slot != NO_SLOT ? slot : atomic_load_explicit(&table->active[index], memory_order_acquire);
}

int continuo_phrase_table_copy(const continuo_phrase_table *table, uint32_t index, continuo_phrase *out)
{
    if (index >= CONTINUO_PHRASES) {
        return 0;
    }
    for (;;) {
        int32_t slot = newest_slot(table, index);
        if (slot == NO_SLOT) {
            return 0;
        }
        unsigned before = atomic_load_explicit(&table->generations[slot], memory_order_acquire);
        if ((before & 1u) == 0) {
            memcpy(out, &table->slots[slot], sizeof *out);
            atomic_thread_fence(memory_order_acquire);
            if (atomic_load_explicit(&table->generations[slot], memory_order_relaxed) == before
                && newest_slot(table, index) == slot) {
                return 1;
            }
        }
        sched_yield();
    }
}
