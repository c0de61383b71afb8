#include "player.h"

#include <math.h>
#include <stdlib.h>

#define CHANNELS 16u
#define PITCHES 128u
/* Phrase storage: one slot per phrase index, plus room for the phrase being received and those waiting. */
#define SLOTS (CONTINUO_PLAYER_PHRASES + 64u)
#define NO_SLOT (-1)
#define NO_PROGRAM (-1)
/* A sounding note's end when it must stop at the next block's first frame. */
#define END_NOW (-INFINITY)

typedef struct phrase_note {
    double start_beats; /* from the phrase start */
    double end_beats;
    uint8_t channel;
    uint8_t pitch;
    uint8_t velocity;
} phrase_note;

typedef struct phrase {
    double start_beat;
    double length_beats;
    uint32_t count;
    int16_t program[CHANNELS];
    phrase_note notes[CONTINUO_PLAYER_NOTES_PER_PHRASE];
} phrase;

typedef struct sounding_note {
    double end_beat;
    int32_t phrase_index;
    int32_t started_frame; /* in the current block, or -1 */
    uint8_t on;
} sounding_note;

struct continuo_player {
    phrase *slots;
    int32_t free_slots[SLOTS];
    uint32_t free_count;
    int32_t active[CONTINUO_PLAYER_PHRASES];
    int32_t waiting[CONTINUO_PLAYER_PHRASES]; /* WAIT_FOR_START replacements */
    uint32_t waiting_count;
    int32_t staging;
    uint32_t staging_index;
    int staging_waits;
    double phrase_beats; /* the length of the last phrase received: phrase index = floor(beat / length) */
    sounding_note sounding[CHANNELS * PITCHES];
    uint32_t sounding_count;
    int was_rolling;
    int chase_pending;
    uint32_t dropped_notes;
};

/* The block being played: its beat range and the frame conversion. */
typedef struct block_span {
    double first_beat;
    double end_beat;
    double frames_per_beat;
    uint32_t frames;
} block_span;

/*
 * The block frame nearest to beat, counted from the block's first frame (may be negative or past the block). An
 * event belongs to the block whose frames hold this rounded value, so blocks that meet with rounding error
 * between their beats still neither lose nor repeat an event.
 */
static double frame_from_start(const block_span *span, double beat)
{
    return floor((beat - span->first_beat) * span->frames_per_beat + 0.5);
}

static int starts_in_block(const block_span *span, double beat)
{
    double frame = frame_from_start(span, beat);
    return frame >= 0.0 && frame < (double)span->frames;
}

/* Due by the block's end (overdue events play at frame 0). */
static int due_in_block(const block_span *span, double beat)
{
    return frame_from_start(span, beat) < (double)span->frames;
}

static uint32_t frame_at(const block_span *span, double beat)
{
    double frame = frame_from_start(span, beat);
    if (!(frame > 0.0)) {
        return 0;
    }
    return frame >= (double)(span->frames - 1) ? span->frames - 1 : (uint32_t)frame;
}

continuo_player *continuo_player_create(void)
{
    continuo_player *player = calloc(1, sizeof *player);
    if (player == NULL) {
        return NULL;
    }
    player->slots = calloc(SLOTS, sizeof *player->slots); /* pages are touched only when a phrase fills them */
    if (player->slots == NULL) {
        free(player);
        return NULL;
    }
    for (uint32_t i = 0; i < SLOTS; i++) {
        player->free_slots[player->free_count++] = (int32_t)(SLOTS - 1 - i);
    }
    for (uint32_t i = 0; i < CONTINUO_PLAYER_PHRASES; i++) {
        player->active[i] = NO_SLOT;
        player->waiting[i] = NO_SLOT;
    }
    player->staging = NO_SLOT;
    return player;
}

void continuo_player_destroy(continuo_player *player)
{
    if (player != NULL) {
        free(player->slots);
        free(player);
    }
}

static void release_slot(continuo_player *player, int32_t *slot)
{
    if (*slot != NO_SLOT) {
        player->free_slots[player->free_count++] = *slot;
        *slot = NO_SLOT;
    }
}

static void end_phrase_notes(continuo_player *player, int32_t phrase_index)
{
    for (uint32_t i = 0; i < CHANNELS * PITCHES; i++) {
        if (player->sounding[i].on && player->sounding[i].phrase_index == phrase_index) {
            player->sounding[i].end_beat = END_NOW;
        }
    }
}

void continuo_player_end_all(continuo_player *player)
{
    for (uint32_t i = 0; i < CHANNELS * PITCHES; i++) {
        player->sounding[i].end_beat = END_NOW;
    }
}

static void replace_now(continuo_player *player, uint32_t index, int32_t slot)
{
    release_slot(player, &player->active[index]);
    player->active[index] = slot;
    end_phrase_notes(player, (int32_t)index);
    player->chase_pending = 1; /* the new phrase's notes that span the playhead start at once */
}

static void commit(continuo_player *player, uint32_t index)
{
    int32_t slot = player->staging;
    player->staging = NO_SLOT;
    if (player->waiting[index] != NO_SLOT) {
        release_slot(player, &player->waiting[index]);
        player->waiting_count--;
    }
    if (player->staging_waits && player->active[index] != NO_SLOT) {
        player->waiting[index] = slot;
        player->waiting_count++;
    } else {
        replace_now(player, index, slot);
    }
}

static void clear(continuo_player *player)
{
    release_slot(player, &player->staging);
    for (uint32_t i = 0; i < CONTINUO_PLAYER_PHRASES; i++) {
        release_slot(player, &player->active[i]);
        release_slot(player, &player->waiting[i]);
    }
    player->waiting_count = 0;
    continuo_player_end_all(player);
}

static void begin(continuo_player *player, const continuo_link_record *record)
{
    release_slot(player, &player->staging); /* a phrase that never got its COMMIT */
    if (record->frames >= CONTINUO_PLAYER_PHRASES || player->free_count == 0 || !(record->value > 0.0)) {
        player->dropped_notes += record->rate;
        return;
    }
    player->staging = player->free_slots[--player->free_count];
    phrase *target = &player->slots[player->staging];
    target->start_beat = record->beat;
    target->length_beats = record->value;
    target->count = 0;
    for (uint32_t channel = 0; channel < CHANNELS; channel++) {
        target->program[channel] = NO_PROGRAM;
    }
    player->staging_index = record->frames;
    player->staging_waits = (record->flags & CONTINUO_LINK_WAIT_FOR_START) != 0;
    player->phrase_beats = record->value;
}

static void add_note(continuo_player *player, const continuo_link_record *record)
{
    if (player->staging == NO_SLOT) {
        return;
    }
    phrase *target = &player->slots[player->staging];
    if (target->count == CONTINUO_PLAYER_NOTES_PER_PHRASE || !(record->value > record->beat)) {
        player->dropped_notes++;
        return;
    }
    phrase_note *note = &target->notes[target->count++];
    note->start_beats = record->beat;
    note->end_beats = record->value;
    note->channel = record->a & 0x0F;
    note->pitch = record->b & 0x7F;
    note->velocity = (record->c & 0x7F) != 0 ? (record->c & 0x7F) : 1; /* velocity 0 would be a note-off */
}

void continuo_player_receive(continuo_player *player, const continuo_link_record *record)
{
    switch (record->kind) {
    case CONTINUO_LINK_PHRASE_BEGIN:
        begin(player, record);
        break;
    case CONTINUO_LINK_PHRASE_NOTE:
        add_note(player, record);
        break;
    case CONTINUO_LINK_PHRASE_PROGRAM:
        if (player->staging != NO_SLOT) {
            player->slots[player->staging].program[record->a & 0x0F] = (int16_t)(record->b & 0x7F);
        }
        break;
    case CONTINUO_LINK_PHRASE_COMMIT:
        if (player->staging != NO_SLOT && record->frames == player->staging_index) {
            commit(player, record->frames);
        }
        break;
    case CONTINUO_LINK_CLEAR:
        clear(player);
        break;
    default:
        break;
    }
}

static void note_off(continuo_player *player, sounding_note *note, uint32_t index, uint32_t frame,
                     continuo_midi_output *output)
{
    continuo_midi_output_add(output, frame, 3, (uint8_t)(0x80 | (index / PITCHES)), (uint8_t)(index % PITCHES), 0);
    note->on = 0;
    player->sounding_count--;
}

/* Starts a note; one already sounding on its key is cut first (at its own end if that comes earlier). */
static void note_on(continuo_player *player, const block_span *span, const phrase_note *note, double start_beat,
                    double end_beat, int32_t phrase_index, continuo_midi_output *output)
{
    uint32_t index = note->channel * PITCHES + note->pitch;
    sounding_note *key = &player->sounding[index];
    uint32_t frame = frame_at(span, start_beat);
    if (key->on) {
        note_off(player, key, index, frame_at(span, fmin(key->end_beat, start_beat)), output);
    }
    continuo_midi_output_add(output, frame, 3, (uint8_t)(0x90 | note->channel), note->pitch, note->velocity);
    key->on = 1;
    key->end_beat = end_beat;
    key->phrase_index = phrase_index;
    key->started_frame = (int32_t)frame;
    player->sounding_count++;
}

static void end_due_notes(continuo_player *player, const block_span *span, continuo_midi_output *output)
{
    for (uint32_t i = 0; i < CHANNELS * PITCHES && player->sounding_count > 0; i++) {
        sounding_note *key = &player->sounding[i];
        if (!key->on || !due_in_block(span, key->end_beat)) {
            continue;
        }
        uint32_t frame = frame_at(span, key->end_beat);
        if (key->started_frame >= 0 && frame <= (uint32_t)key->started_frame) {
            if ((uint32_t)key->started_frame + 1 >= span->frames) {
                continue; /* its note-off goes first in the next block */
            }
            frame = (uint32_t)key->started_frame + 1;
        }
        note_off(player, key, i, frame, output);
    }
}

static void end_now(continuo_player *player, continuo_midi_output *output)
{
    for (uint32_t i = 0; i < CHANNELS * PITCHES && player->sounding_count > 0; i++) {
        if (player->sounding[i].on && player->sounding[i].end_beat == END_NOW) {
            note_off(player, &player->sounding[i], i, 0, output);
        }
    }
}

static void send_programs(const phrase *source, uint32_t frame, continuo_midi_output *output)
{
    for (uint32_t channel = 0; channel < CHANNELS; channel++) {
        if (source->program[channel] != NO_PROGRAM) {
            continuo_midi_output_add(output, frame, 2, (uint8_t)(0xC0 | channel), (uint8_t)source->program[channel],
                                     0);
        }
    }
}

/* The phrase indices that may hold notes starting in [first, end): one before, for phrases that start early. */
static void candidates(const continuo_player *player, double first, double end, uint32_t *from, uint32_t *to)
{
    double low = floor(first / player->phrase_beats) - 1.0;
    double high = floor(end / player->phrase_beats);
    *from = low < 0.0 ? 0u : (low >= CONTINUO_PLAYER_PHRASES ? CONTINUO_PLAYER_PHRASES : (uint32_t)low);
    *to = high < 0.0 ? 0u : (high >= CONTINUO_PLAYER_PHRASES - 1 ? CONTINUO_PLAYER_PHRASES - 1 : (uint32_t)high);
}

/* Playback starts (or resumes elsewhere) mid-phrase: the notes that should already sound start at frame 0. */
static void chase(continuo_player *player, const block_span *span, continuo_midi_output *output)
{
    double at = span->first_beat;
    uint32_t from, to;
    candidates(player, at, at, &from, &to);
    for (uint32_t p = from; p <= to && from < CONTINUO_PLAYER_PHRASES; p++) {
        if (player->active[p] == NO_SLOT) {
            continue;
        }
        const phrase *source = &player->slots[player->active[p]];
        if (frame_from_start(span, source->start_beat) < 0.0
            && frame_from_start(span, source->start_beat + source->length_beats) > 0.0) {
            send_programs(source, 0, output);
        }
        for (uint32_t n = 0; n < source->count; n++) {
            const phrase_note *note = &source->notes[n];
            double start = source->start_beat + note->start_beats;
            double end = source->start_beat + note->end_beats;
            int spans_start = frame_from_start(span, start) < 0.0 && frame_from_start(span, end) > 0.0;
            if (spans_start && !player->sounding[note->channel * PITCHES + note->pitch].on) {
                note_on(player, span, note, at, end, (int32_t)p, output);
            }
        }
    }
}

static void start_due_notes(continuo_player *player, const block_span *span, continuo_midi_output *output)
{
    uint32_t from, to;
    candidates(player, span->first_beat, span->end_beat, &from, &to);
    for (uint32_t p = from; p <= to && from < CONTINUO_PLAYER_PHRASES; p++) {
        if (player->active[p] == NO_SLOT) {
            continue;
        }
        const phrase *source = &player->slots[player->active[p]];
        if (starts_in_block(span, source->start_beat)) {
            send_programs(source, frame_at(span, source->start_beat), output);
        }
        for (uint32_t n = 0; n < source->count; n++) {
            const phrase_note *note = &source->notes[n];
            double start = source->start_beat + note->start_beats;
            if (starts_in_block(span, start)) {
                note_on(player, span, note, start, source->start_beat + note->end_beats, (int32_t)p, output);
            }
        }
    }
}

/* WAIT_FOR_START replacements take over when their phrase starts in this block, or when playback (re)starts. */
static void take_over_waiting(continuo_player *player, const block_span *span, int restarted)
{
    for (uint32_t p = 0; p < CONTINUO_PLAYER_PHRASES && player->waiting_count > 0; p++) {
        int32_t slot = player->waiting[p];
        if (slot == NO_SLOT) {
            continue;
        }
        double start = player->slots[slot].start_beat;
        if (restarted || starts_in_block(span, start)) {
            player->waiting[p] = NO_SLOT;
            player->waiting_count--;
            replace_now(player, p, slot);
        }
    }
}

void continuo_player_process(continuo_player *player, const continuo_transport *block, continuo_midi_output *output)
{
    int rolling = block->rolling && block->tempo_bpm > 0.0 && block->sample_rate > 0.0 && block->frames > 0;
    if (!rolling || block->jumped) {
        continuo_player_end_all(player);
    }
    int restarted = rolling && (!player->was_rolling || block->jumped);
    block_span span = {0};
    if (rolling) {
        span.first_beat = block->beat;
        span.frames_per_beat = 60.0 / block->tempo_bpm * block->sample_rate;
        span.end_beat = block->beat + block->frames / span.frames_per_beat;
        span.frames = block->frames;
        take_over_waiting(player, &span, restarted);
    }
    end_now(player, output);
    if (rolling && player->phrase_beats > 0.0) {
        for (uint32_t i = 0; i < CHANNELS * PITCHES; i++) {
            player->sounding[i].started_frame = -1;
        }
        if (restarted || player->chase_pending) {
            chase(player, &span, output);
        }
        start_due_notes(player, &span, output);
        end_due_notes(player, &span, output);
        player->chase_pending = 0;
    }
    player->was_rolling = rolling;
    continuo_midi_output_sort(output);
}

uint32_t continuo_player_dropped_notes(const continuo_player *player)
{
    return player->dropped_notes;
}

uint32_t continuo_player_sounding(const continuo_player *player)
{
    return player->sounding_count;
}
