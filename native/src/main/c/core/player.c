#include "player.h"

#include <math.h>
#include <stdlib.h>

#define CHANNELS 16u
#define PITCHES 128u
/* A sounding note's end when it must stop at the next block's first frame. */
#define END_NOW (-INFINITY)

typedef struct sounding_note {
    double end_beat;
    int32_t phrase_index;
    int32_t started_frame; /* in the current block, or -1 */
    uint8_t on;
} sounding_note;

struct continuo_player {
    continuo_phrase_table phrases;
    sounding_note sounding[CHANNELS * PITCHES];
    uint32_t sounding_count;
    int was_rolling;
    int chase_pending;
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
    if (player != NULL && !continuo_phrase_table_init(&player->phrases)) {
        free(player);
        return NULL;
    }
    return player;
}

void continuo_player_destroy(continuo_player *player)
{
    if (player != NULL) {
        continuo_phrase_table_free(&player->phrases);
        free(player);
    }
}

void continuo_player_end_all(continuo_player *player)
{
    for (uint32_t i = 0; i < CHANNELS * PITCHES; i++) {
        player->sounding[i].end_beat = END_NOW;
    }
}

/* A phrase was replaced: its notes end at once, and the new phrase's notes that span the playhead start. */
static void replaced(continuo_player *player, uint32_t index)
{
    for (uint32_t i = 0; i < CHANNELS * PITCHES; i++) {
        if (player->sounding[i].on && player->sounding[i].phrase_index == (int32_t)index) {
            player->sounding[i].end_beat = END_NOW;
        }
    }
    player->chase_pending = 1;
}

void continuo_player_receive(continuo_player *player, const continuo_link_record *record)
{
    int32_t outcome = continuo_phrase_table_receive(&player->phrases, record);
    if (outcome == CONTINUO_PHRASES_CLEARED) {
        continuo_player_end_all(player);
    } else if (outcome >= 0) {
        replaced(player, (uint32_t)outcome);
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
static void note_on(continuo_player *player, const block_span *span, const continuo_phrase_note *note, double start_beat,
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

static void send_programs(const continuo_phrase *source, uint32_t frame, continuo_midi_output *output)
{
    for (uint32_t channel = 0; channel < CHANNELS; channel++) {
        if (source->program[channel] != CONTINUO_NO_PROGRAM) {
            continuo_midi_output_add(output, frame, 2, (uint8_t)(0xC0 | channel), (uint8_t)source->program[channel],
                                     0);
        }
    }
}

/* The phrase indices that may hold notes starting in [first, end): one before, for phrases that start early. */
static void candidates(const continuo_player *player, double first, double end, uint32_t *from, uint32_t *to)
{
    double low = floor(first / player->phrases.phrase_beats) - 1.0;
    double high = floor(end / player->phrases.phrase_beats);
    *from = low < 0.0 ? 0u : (low >= CONTINUO_PHRASES ? CONTINUO_PHRASES : (uint32_t)low);
    *to = high < 0.0 ? 0u : (high >= CONTINUO_PHRASES - 1 ? CONTINUO_PHRASES - 1 : (uint32_t)high);
}

/* Playback starts (or resumes elsewhere) mid-phrase: the notes that should already sound start at frame 0. */
static void chase(continuo_player *player, const block_span *span, continuo_midi_output *output)
{
    double at = span->first_beat;
    uint32_t from, to;
    candidates(player, at, at, &from, &to);
    for (uint32_t p = from; p <= to && from < CONTINUO_PHRASES; p++) {
        if (continuo_phrase_table_active(&player->phrases, p) == NULL) {
            continue;
        }
        const continuo_phrase *source = continuo_phrase_table_active(&player->phrases, p);
        if (frame_from_start(span, source->start_beat) < 0.0
            && frame_from_start(span, source->start_beat + source->length_beats) > 0.0) {
            send_programs(source, 0, output);
        }
        for (uint32_t n = 0; n < source->count; n++) {
            const continuo_phrase_note *note = &source->notes[n];
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
    for (uint32_t p = from; p <= to && from < CONTINUO_PHRASES; p++) {
        if (continuo_phrase_table_active(&player->phrases, p) == NULL) {
            continue;
        }
        const continuo_phrase *source = continuo_phrase_table_active(&player->phrases, p);
        if (starts_in_block(span, source->start_beat)) {
            send_programs(source, frame_at(span, source->start_beat), output);
        }
        for (uint32_t n = 0; n < source->count; n++) {
            const continuo_phrase_note *note = &source->notes[n];
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
    continuo_phrase_table *phrases = &player->phrases;
    for (uint32_t p = 0; p < CONTINUO_PHRASES && phrases->waiting_count > 0; p++) {
        const continuo_phrase *waiting = continuo_phrase_table_waiting(phrases, p);
        if (waiting != NULL && (restarted || starts_in_block(span, waiting->start_beat))) {
            continuo_phrase_table_take_over(phrases, p);
            replaced(player, p);
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
    if (rolling && player->phrases.phrase_beats > 0.0) {
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

const continuo_phrase_table *continuo_player_phrases(const continuo_player *player)
{
    return &player->phrases;
}

uint32_t continuo_player_dropped_notes(const continuo_player *player)
{
    return player->phrases.dropped_notes;
}

uint32_t continuo_player_sounding(const continuo_player *player)
{
    return player->sounding_count;
}
