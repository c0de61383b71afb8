#define _POSIX_C_SOURCE 200809L
#include "core_instance.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POLL_MS 50
#define RETRY_MS 1000

void continuo_core_store_param(continuo_core *core, uint32_t id, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    atomic_store_explicit(&core->params[id], bits, memory_order_relaxed);
}

double continuo_core_param(const continuo_core *core, uint32_t id)
{
    if (id >= CONTINUO_PARAM_COUNT) {
        return 0.0;
    }
    uint64_t bits = atomic_load_explicit(&((continuo_core *)core)->params[id], memory_order_relaxed);
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

void continuo_core_set_param(continuo_core *core, uint32_t id, double value)
{
    const continuo_param_info *info = continuo_param_info_of(id);
    if (info == NULL) {
        return;
    }
    double clamped = continuo_param_clamp(info, value);
    if (id == CONTINUO_LINK_PARAM_BARS && clamped != continuo_core_param(core, id)) {
        atomic_store(&core->clear_request, 1);
    }
    continuo_core_store_param(core, id, clamped);
}

static uint32_t wanted_bars(const continuo_core *core)
{
    return (uint32_t)continuo_core_param(core, CONTINUO_LINK_PARAM_BARS);
}

static int64_t now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
    struct timespec pause = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

/* Maps the link the engine answers with; returns NULL while the engine is unreachable or answers otherwise. */
static continuo_link *open_session(continuo_core *core)
{
    char socket_path[CONTINUO_CONTROL_FIELD_BYTES];
    char request[CONTINUO_CORE_NAME_BYTES + 32];
    char reply[CONTINUO_CONTROL_REPLY_BYTES];
    continuo_open_reply *fields = malloc(sizeof *fields);
    continuo_link *link = malloc(sizeof *link);
    uint32_t bars = wanted_bars(core);
    if (bars > 0) {
        snprintf(request, sizeof request, "plugin-open %s - %u", core->name, (unsigned)bars);
    } else {
        snprintf(request, sizeof request, "plugin-open %s", core->name);
    }
    if (fields == NULL || link == NULL || !continuo_control_socket_path(socket_path, sizeof socket_path)
        || !continuo_control_request(socket_path, request, reply, sizeof reply)
        || !continuo_parse_open_reply(reply, fields) || continuo_link_map(link, fields->link) != CONTINUO_LINK_OK) {
        free(fields);
        free(link);
        return NULL;
    }
    memcpy(core->session, fields->session, sizeof core->session);
    core->session_bars = bars;
    free(fields);
    return link;
}

static void close_session(continuo_core *core)
{
    char socket_path[CONTINUO_CONTROL_FIELD_BYTES];
    char request[CONTINUO_CONTROL_FIELD_BYTES + 16];
    char reply[CONTINUO_CONTROL_REPLY_BYTES];
    if (core->session[0] != '\0' && continuo_control_socket_path(socket_path, sizeof socket_path)) {
        snprintf(request, sizeof request, "plugin-close %s", core->session);
        continuo_control_request(socket_path, request, reply, sizeof reply); /* best effort: the engine may be gone */
    }
    core->session[0] = '\0';
}

/* Withdraws the link from the audio thread, waits until no process call can still use it, then unmaps it. */
static void drop_link(continuo_core *core)
{
    continuo_link *old = atomic_exchange(&core->link, NULL);
    if (old == NULL) {
        return;
    }
    uint_fast64_t epoch = atomic_load(&core->audio_epoch);
    while ((epoch & 1u) != 0 && atomic_load(&core->audio_epoch) == epoch) {
        sleep_ms(1);
    }
    continuo_link_unmap(old);
    free(old);
}

static void *watch_engine(void *argument)
{
    continuo_core *core = argument;
    int64_t next_attempt_ms = 0;
    uint64_t last_engine_beat = 0;
    int64_t last_change_ms = 0;
    while (!atomic_load(&core->stopping)) {
        continuo_core_free_restore(atomic_exchange(&core->retired_restore, NULL));
        continuo_link *link = atomic_load(&core->link);
        int64_t now = now_ms();
        if (link != NULL && wanted_bars(core) != core->session_bars) {
            drop_link(core); /* the phrase length changed: a new session with the new length */
            close_session(core);
            link = NULL;
            next_attempt_ms = now;
        }
        if (link == NULL && now >= next_attempt_ms) {
            link = open_session(core);
            if (link != NULL) {
                last_engine_beat = continuo_link_engine_beat(link);
                last_change_ms = now;
                atomic_fetch_add(&core->link_generation, 1);
                atomic_store(&core->link, link);
            } else {
                next_attempt_ms = now + RETRY_MS;
            }
        } else if (link != NULL) {
            uint64_t beat = continuo_link_engine_beat(link);
            if (beat != last_engine_beat) {
                last_engine_beat = beat;
                last_change_ms = now;
            }
            int silent = now - last_change_ms >= CONTINUO_CORE_ENGINE_SILENCE_MS;
            if (continuo_link_closed(link) || silent) {
                drop_link(core);
                if (silent) {
                    close_session(core); /* an engine that hangs but lives still frees the session */
                }
                core->session[0] = '\0'; /* a closed link's session is over already */
                next_attempt_ms = now; /* reconnect at once: a restarted engine answers */
            }
        }
        sleep_ms(POLL_MS);
    }
    drop_link(core);
    close_session(core);
    return NULL;
}

static void set_defaults(continuo_core *core)
{
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        atomic_init(&core->params[id], 0);
        continuo_core_store_param(core, id, continuo_param_info_of(id)->fallback);
        core->sent[id] = NAN;
    }
}

continuo_core *continuo_core_create(const char *name)
{
    continuo_core *core = calloc(1, sizeof *core);
    if (core == NULL) {
        return NULL;
    }
    core->player = continuo_player_create();
    size_t i = 0;
    for (; name[i] != '\0' && i + 1 < CONTINUO_CORE_NAME_BYTES; i++) {
        char c = name[i];
        int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        core->name[i] = plain ? c : '-';
    }
    core->name[i] = '\0';
    atomic_init(&core->link, NULL);
    atomic_init(&core->audio_epoch, 0);
    atomic_init(&core->stopping, 0);
    atomic_init(&core->clear_request, 0);
    atomic_init(&core->end_passed_request, 0);
    atomic_init(&core->link_generation, 0);
    atomic_init(&core->pending_restore, NULL);
    atomic_init(&core->retired_restore, NULL);
    atomic_init(&core->restores_taken, 0);
    set_defaults(core);
    if (core->player == NULL || pthread_create(&core->thread, NULL, watch_engine, core) != 0) {
        continuo_player_destroy(core->player);
        free(core);
        return NULL;
    }
    return core;
}

void continuo_core_destroy(continuo_core *core)
{
    if (core == NULL) {
        return;
    }
    atomic_store(&core->stopping, 1);
    pthread_join(core->thread, NULL);
    continuo_core_free_restore(core->restore);
    continuo_core_free_restore(atomic_exchange(&core->pending_restore, NULL));
    continuo_core_free_restore(atomic_exchange(&core->retired_restore, NULL));
    free(core->restored);
    continuo_player_destroy(core->player);
    free(core);
}

static void send_block(continuo_link *link, const continuo_transport *block)
{
    continuo_link_record record = {0};
    record.kind = CONTINUO_LINK_BLOCK;
    record.flags = (uint8_t)((block->rolling ? CONTINUO_LINK_ROLLING : 0) | (block->position ? CONTINUO_LINK_POSITION : 0)
                             | (block->jumped ? CONTINUO_LINK_JUMPED : 0));
    record.a = block->beats_per_bar;
    record.b = block->beat_unit;
    record.frames = block->frames;
    record.beat = block->beat;
    record.value = block->tempo_bpm;
    record.rate = (uint32_t)(block->sample_rate + 0.5);
    continuo_ring_push(&link->to_engine, &record);
}

static void send_melody(continuo_link *link, const continuo_transport *block, const continuo_midi_event *melody,
                        uint32_t count)
{
    double beats_per_frame = block->sample_rate > 0.0 ? block->tempo_bpm / 60.0 / block->sample_rate : 0.0;
    for (uint32_t i = 0; i < count; i++) {
        continuo_link_record record = {0};
        record.kind = CONTINUO_LINK_NOTE;
        record.a = melody[i].bytes[0];
        record.b = melody[i].size > 1 ? melody[i].bytes[1] : 0;
        record.c = melody[i].size > 2 ? melody[i].bytes[2] : 0;
        record.frames = melody[i].offset_frames;
        record.beat = block->beat + (block->rolling ? melody[i].offset_frames * beats_per_frame : 0.0);
        continuo_ring_push(&link->to_engine, &record);
    }
}

static void take_phrases(continuo_core *core, continuo_link *link)
{
    continuo_link_record record;
    for (uint32_t i = 0; i < CONTINUO_CORE_RECORDS_PER_BLOCK && continuo_ring_pop(&link->to_plugin, &record); i++) {
        continuo_player_receive(core->player, &record);
    }
}

/* Every parameter whose value the engine has not seen; those that find no room go in a later block. */
static void send_settings(continuo_core *core, continuo_link *link)
{
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        double value = continuo_core_param(core, id);
        if (value == core->sent[id]) {
            continue;
        }
        continuo_link_record record = {0};
        record.kind = CONTINUO_LINK_SETTING;
        record.a = (uint8_t)id;
        record.value = value;
        if (continuo_ring_room(&link->to_engine) == 0 || !continuo_ring_push(&link->to_engine, &record)) {
            return;
        }
        core->sent[id] = value;
    }
}

static int is_note_off(const continuo_midi_event *event)
{
    uint8_t type = event->bytes[0] & 0xF0;
    return event->size == 3 && (type == 0x80 || (type == 0x90 && event->bytes[2] == 0));
}

/*
 * The melody goes out as it came while unlinked or with THRU on; otherwise only the note-offs of keys that went
 * out that way (the engine never sent their note-ons to the host), so none is left hanging.
 */
static void pass_through(continuo_core *core, int all, const continuo_midi_event *melody, uint32_t count,
                         continuo_midi_output *output)
{
    for (uint32_t i = 0; i < count; i++) {
        const continuo_midi_event *event = &melody[i];
        uint16_t *keys = &core->passed_keys[event->bytes[1] & 0x7F];
        uint16_t channel = (uint16_t)(1u << (event->bytes[0] & 0x0F));
        int note_on = event->size == 3 && (event->bytes[0] & 0xF0) == 0x90 && event->bytes[2] != 0;
        int note_off = is_note_off(event);
        if (!all && !(note_off && (*keys & channel) != 0)) {
            continue;
        }
        if (note_on) {
            *keys |= channel;
        } else if (note_off) {
            *keys &= (uint16_t)~channel;
        }
        continuo_midi_output_add(output, event->offset_frames, event->size, event->bytes[0], event->bytes[1],
                                 event->bytes[2]);
    }
}

/* Every key passed through and still down ends at frame 0: no note the host heard through us is left sounding. */
static void end_passed_keys(continuo_core *core, continuo_midi_output *output)
{
    for (uint32_t key = 0; key < 128; key++) {
        for (uint32_t channel = 0; core->passed_keys[key] != 0 && channel < 16; channel++) {
            if ((core->passed_keys[key] & (1u << channel)) != 0) {
                continuo_midi_output_add(output, 0, 3, (uint8_t)(0x80 | channel), (uint8_t)key, 0);
            }
        }
        core->passed_keys[key] = 0;
    }
}

void continuo_core_process(continuo_core *core, const continuo_transport *block, const continuo_midi_event *melody,
                           uint32_t melody_count, continuo_midi_output *output)
{
    atomic_fetch_add(&core->audio_epoch, 1);
    if (atomic_exchange_explicit(&core->end_passed_request, 0, memory_order_acquire)
        || (core->was_rolling && !block->rolling)) {
        end_passed_keys(core, output);
    }
    core->was_rolling = block->rolling;
    if (atomic_exchange_explicit(&core->clear_request, 0, memory_order_acquire)) {
        continuo_link_record clear = {0};
        clear.kind = CONTINUO_LINK_CLEAR;
        continuo_player_receive(core->player, &clear);
    }
    continuo_core_take_restore(core);
    continuo_link *link = atomic_load(&core->link);
    if (link != NULL) {
        unsigned generation = atomic_load_explicit(&core->link_generation, memory_order_relaxed);
        if (generation != core->seen_generation) {
            core->seen_generation = generation;
            core->resync_index = 0;
            for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
                core->sent[id] = NAN;
            }
        }
        send_block(link, block);
        if (continuo_core_param(core, CONTINUO_LINK_PARAM_CAPTURE) != 0.0) {
            send_melody(link, block, melody, melody_count);
        }
        send_settings(core, link);
        continuo_core_resync(core, link);
        continuo_link_beat(link);
        take_phrases(core, link);
    }
    pass_through(core, link == NULL || continuo_core_param(core, CONTINUO_LINK_PARAM_THRU) != 0.0, melody,
                 melody_count, output);
    continuo_player_process(core->player, block, output);
    atomic_fetch_add(&core->audio_epoch, 1);
}

void continuo_core_deactivate(continuo_core *core)
{
    atomic_store_explicit(&core->end_passed_request, 1, memory_order_release);
    continuo_player_end_all(core->player);
}

uint32_t continuo_core_phrases(const continuo_core *core)
{
    return atomic_load_explicit(&continuo_player_phrases(core->player)->commits, memory_order_relaxed);
}

int continuo_core_connected(const continuo_core *core)
{
    return atomic_load(&((continuo_core *)core)->link) != NULL;
}
