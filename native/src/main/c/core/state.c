#include "state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

typedef struct record_buffer {
    continuo_link_record *records;
    uint32_t count;
    uint32_t capacity;
} record_buffer;

static int append(record_buffer *buffer, const continuo_link_record *record)
{
    if (buffer->count == buffer->capacity) {
        uint32_t capacity = buffer->capacity == 0 ? 256u : buffer->capacity * 2u;
        continuo_link_record *grown = realloc(buffer->records, capacity * sizeof *grown);
        if (grown == NULL) {
            return 0;
        }
        buffer->records = grown;
        buffer->capacity = capacity;
    }
    buffer->records[buffer->count++] = *record;
    return 1;
}

static int append_note(record_buffer *buffer, uint8_t kind, const continuo_phrase_note *note)
{
    continuo_link_record record = continuo_phrase_note_record(kind, note);
    return append(buffer, &record);
}

static int append_phrase(record_buffer *buffer, uint32_t index, const continuo_phrase *phrase)
{
    continuo_link_record begin = {0};
    begin.kind = CONTINUO_LINK_PHRASE_BEGIN;
    begin.frames = index;
    begin.rate = phrase->count;
    begin.beat = phrase->start_beat;
    begin.value = phrase->length_beats;
    int ok = append(buffer, &begin);
    for (uint32_t channel = 0; ok && channel < CONTINUO_PHRASE_CHANNELS; channel++) {
        if (phrase->program[channel] != CONTINUO_NO_PROGRAM) {
            continuo_link_record program = {0};
            program.kind = CONTINUO_LINK_PHRASE_PROGRAM;
            program.a = (uint8_t)channel;
            program.b = (uint8_t)phrase->program[channel];
            ok = append(buffer, &program);
        }
    }
    for (uint32_t n = 0; ok && n < phrase->melody_count; n++) {
        ok = append_note(buffer, CONTINUO_LINK_PHRASE_MELODY, &phrase->melody[n]);
    }
    for (uint32_t n = 0; ok && n < phrase->count; n++) {
        ok = append_note(buffer, CONTINUO_LINK_PHRASE_NOTE, &phrase->notes[n]);
    }
    continuo_link_record commit = {0};
    commit.kind = CONTINUO_LINK_PHRASE_COMMIT;
    commit.frames = index;
    return ok && append(buffer, &commit);
}

static void put_u32(unsigned char *at, uint32_t value)
{
    for (int i = 0; i < 4; i++) {
        at[i] = (unsigned char)(value >> (8 * i));
    }
}

static uint32_t get_u32(const unsigned char *at)
{
    return (uint32_t)at[0] | (uint32_t)at[1] << 8 | (uint32_t)at[2] << 16 | (uint32_t)at[3] << 24;
}

int continuo_state_write(const continuo_phrase_table *table, const double *params, unsigned char **data,
                         size_t *size)
{
    record_buffer buffer = {0};
    continuo_phrase *phrase = malloc(sizeof *phrase);
    int ok = phrase != NULL;
    for (uint32_t id = 0; ok && id < CONTINUO_PARAM_COUNT; id++) {
        continuo_link_record setting = {0};
        setting.kind = CONTINUO_LINK_SETTING;
        setting.a = (uint8_t)id;
        setting.value = params[id];
        ok = append(&buffer, &setting);
    }
    for (uint32_t index = 0; ok && table != NULL && index < CONTINUO_PHRASES; index++) {
        if (continuo_phrase_table_copy(table, index, phrase)) {
            ok = append_phrase(&buffer, index, phrase);
        }
    }
    free(phrase);
    size_t bytes = CONTINUO_STATE_HEADER_BYTES + (size_t)buffer.count * CONTINUO_LINK_RECORD_BYTES;
    unsigned char *out = ok ? malloc(bytes) : NULL;
    if (out == NULL) {
        free(buffer.records);
        return CONTINUO_STATE_NO_MEMORY;
    }
    put_u32(out, CONTINUO_STATE_MAGIC);
    put_u32(out + 4, CONTINUO_STATE_VERSION);
    put_u32(out + 8, buffer.count);
    put_u32(out + 12, 0);
    memcpy(out + CONTINUO_STATE_HEADER_BYTES, buffer.records, (size_t)buffer.count * CONTINUO_LINK_RECORD_BYTES);
    free(buffer.records);
    *data = out;
    *size = bytes;
    return CONTINUO_STATE_OK;
}

int continuo_state_write_defaults(unsigned char **data, size_t *size)
{
    double params[CONTINUO_PARAM_COUNT];
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        params[id] = continuo_param_info_of(id)->fallback;
    }
    return continuo_state_write(NULL, params, data, size);
}

/* Where the reader is in the phrase grammar. */
enum reading { SETTINGS, BETWEEN, IN_PHRASE };

static int note_fields_valid(const continuo_link_record *record)
{
    return record->a < 16 && record->b < 128 && record->c < 128 && isfinite(record->beat) && isfinite(record->value)
           && record->value > record->beat;
}

/* Checks one record against the grammar; returns 0 if no saved state has it there. */
static int accept(const continuo_link_record *record, enum reading *at, uint32_t *phrase, double *params)
{
    switch (record->kind) {
    case CONTINUO_LINK_SETTING:
        if (*at != SETTINGS || record->a >= CONTINUO_PARAM_COUNT || !isfinite(record->value)) {
            return 0;
        }
        params[record->a] = continuo_param_clamp(continuo_param_info_of(record->a), record->value);
        return 1;
    case CONTINUO_LINK_PHRASE_BEGIN:
        if (*at == IN_PHRASE || record->frames >= CONTINUO_PHRASES || record->rate > CONTINUO_NOTES_PER_PHRASE
            || !isfinite(record->beat) || !(record->value > 0.0 && record->value < 1e6)) {
            return 0;
        }
        *at = IN_PHRASE;
        *phrase = record->frames;
        return 1;
    case CONTINUO_LINK_PHRASE_PROGRAM:
        return *at == IN_PHRASE && record->a < 16 && record->b < 128;
    case CONTINUO_LINK_PHRASE_MELODY:
    case CONTINUO_LINK_PHRASE_NOTE:
        return *at == IN_PHRASE && note_fields_valid(record);
    case CONTINUO_LINK_PHRASE_COMMIT:
        if (*at != IN_PHRASE || record->frames != *phrase) {
            return 0;
        }
        *at = BETWEEN;
        return 1;
    default:
        return 0;
    }
}

int continuo_state_read(const unsigned char *data, size_t size, continuo_state *out)
{
    if (data == NULL || size < CONTINUO_STATE_HEADER_BYTES || get_u32(data) != CONTINUO_STATE_MAGIC) {
        return CONTINUO_STATE_NOT_CONTINUO;
    }
    if (get_u32(data + 4) != CONTINUO_STATE_VERSION) {
        return CONTINUO_STATE_NEWER;
    }
    uint32_t count = get_u32(data + 8);
    if (count > CONTINUO_STATE_MAX_RECORDS
        || size != CONTINUO_STATE_HEADER_BYTES + (size_t)count * CONTINUO_LINK_RECORD_BYTES) {
        return CONTINUO_STATE_DAMAGED;
    }
    continuo_link_record *records = malloc(((size_t)count + 1) * sizeof *records);
    if (records == NULL) {
        return CONTINUO_STATE_NO_MEMORY;
    }
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        out->params[id] = continuo_param_info_of(id)->fallback;
    }
    memset(&records[0], 0, sizeof records[0]);
    records[0].kind = CONTINUO_LINK_CLEAR;
    uint32_t kept = 1;
    enum reading at = SETTINGS;
    uint32_t phrase = 0;
    for (uint32_t i = 0; i < count; i++) {
        continuo_link_record record;
        memcpy(&record, data + CONTINUO_STATE_HEADER_BYTES + (size_t)i * CONTINUO_LINK_RECORD_BYTES, sizeof record);
        if (!accept(&record, &at, &phrase, out->params)) {
            free(records);
            return CONTINUO_STATE_DAMAGED;
        }
        if (record.kind != CONTINUO_LINK_SETTING) {
            record.flags = 0;
            records[kept++] = record;
        }
    }
    if (at == IN_PHRASE) {
        free(records);
        return CONTINUO_STATE_DAMAGED;
    }
    out->records = records;
    out->count = kept;
    return CONTINUO_STATE_OK;
}

const char *continuo_state_describe(int error)
{
    switch (error) {
    case CONTINUO_STATE_OK:
        return "restored";
    case CONTINUO_STATE_NO_MEMORY:
        return "out of memory";
    case CONTINUO_STATE_NOT_CONTINUO:
        return "not a Continuo state";
    case CONTINUO_STATE_NEWER:
        return "saved by a newer Continuo";
    default:
        return "damaged";
    }
}

unsigned char *continuo_state_read_stream(continuo_state_reader read, void *context, size_t *size)
{
    size_t capacity = 65536;
    unsigned char *data = malloc(capacity);
    *size = 0;
    long step = 1;
    while (data != NULL && step > 0) {
        if (*size == capacity) {
            unsigned char *grown = capacity < CONTINUO_STATE_MAX_BYTES ? realloc(data, capacity * 2) : NULL;
            if (grown == NULL) {
                break;
            }
            data = grown;
            capacity *= 2;
        }
        step = read(context, data + *size, capacity - *size);
        *size += step > 0 ? (size_t)step : 0;
    }
    if (step != 0) {
        free(data);
        return NULL;
    }
    return data;
}
