/*
 * The CLAP shim: a note effect with one MIDI-dialect note input (the melody) and one output (the accompaniment),
 * following the host's transport (clap_process.transport). Its only work is translating CLAP events and the
 * transport to the core's and back; the core does the rest.
 *
 * Extensions are looked up in one table (get_extension): note-ports, params (the core's table; values come as
 * CONTINUO_CLAP_EVENT_PARAM_VALUE in process or flush) and state (the core's saved state as one byte stream).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clap_abi.h"
#include "params.h"
#include "plugin_core.h"
#include "state.h"

#define PLUGIN_ID "dev.continuo.continuo"
#define MELODY_EVENTS 512u
#define OUTPUT_EVENTS 2048u
/* A host position further than this from the extrapolated one is a locate or a loop. */
#define JUMP_BEATS 0.01

typedef struct instance {
    continuo_clap_plugin plugin; /* what the host holds; plugin_data points back here */
    const continuo_clap_host *host;
    continuo_core *core;
    double sample_rate;
    /* The host's transport as last reported; hosts may leave out tempo or meter in a block. */
    double tempo_bpm;
    uint8_t beats_per_bar;
    uint8_t beat_unit;
    double next_beat; /* extrapolated quarter-note position of the next block's first frame */
    int was_rolling;
    continuo_midi_event melody[MELODY_EVENTS];
    continuo_midi_event output[OUTPUT_EVENTS];
} instance;

static const char *const FEATURES[] = {CONTINUO_CLAP_FEATURE_NOTE_EFFECT, NULL};

static const continuo_clap_descriptor DESCRIPTOR = {
    {CONTINUO_CLAP_VERSION_MAJOR, CONTINUO_CLAP_VERSION_MINOR, CONTINUO_CLAP_VERSION_REVISION},
    PLUGIN_ID,
    "Continuo",
    "Continuo",
    "https://continuo.dev",
    "https://continuo.dev/docs/plugin",
    "https://continuo.dev",
    "0.1.0",
    "Accompanies the melody it hears: each phrase's parts play the next time its bars play",
    FEATURES,
};

static instance *self_of(const continuo_clap_plugin *plugin)
{
    return plugin->plugin_data;
}

/* Main thread: starts the core and its background thread, which connects to the engine. */
static bool init(const continuo_clap_plugin *plugin)
{
    instance *self = self_of(plugin);
    self->core = continuo_core_create("clap");
    return self->core != NULL;
}

/* Main thread; the host may skip deactivate before it. */
static void destroy(const continuo_clap_plugin *plugin)
{
    instance *self = self_of(plugin);
    continuo_core_destroy(self->core);
    free(self);
}

/* Main thread. Everything the audio thread uses is inside the instance already: nothing to allocate. */
static bool activate(const continuo_clap_plugin *plugin, double sample_rate, uint32_t min_frames, uint32_t max_frames)
{
    (void)min_frames;
    (void)max_frames;
    instance *self = self_of(plugin);
    if (!(sample_rate > 0.0)) {
        return false;
    }
    self->sample_rate = sample_rate;
    self->was_rolling = 0;
    return true;
}

/* Main thread, while no process call runs: notes still sounding end at the first frame of the next block. */
static void deactivate(const continuo_clap_plugin *plugin)
{
    continuo_core_deactivate(self_of(plugin)->core);
}

/* Audio thread. */
static bool start_processing(const continuo_clap_plugin *plugin)
{
    (void)plugin;
    return true;
}

/* Audio thread: the host will not call process for a while; the notes end when it does. */
static void stop_processing(const continuo_clap_plugin *plugin)
{
    continuo_core_deactivate(self_of(plugin)->core);
}

/* Audio thread: every sounding note ends at the next block's first frame. */
static void reset(const continuo_clap_plugin *plugin)
{
    continuo_core_deactivate(self_of(plugin)->core);
}

/* Bytes of a channel message by its status; 0 for what the melody cannot carry (system messages, data bytes). */
static uint8_t channel_message_size(uint8_t status)
{
    uint8_t type = status & 0xF0;
    if (status < 0x80 || type == 0xF0) {
        return 0;
    }
    return type == 0xC0 || type == 0xD0 ? 2 : 3;
}

static int add_melody(instance *self, uint32_t count, uint32_t frame, uint8_t size, const uint8_t bytes[3])
{
    if (size == 0 || count == MELODY_EVENTS) {
        return 0;
    }
    continuo_midi_event *event = &self->melody[count];
    event->offset_frames = frame;
    event->size = size;
    memcpy(event->bytes, bytes, 3);
    if (size < 3) {
        event->bytes[2] = 0;
    }
    return 1;
}

/* A CLAP-dialect note as MIDI bytes (hosts may send them to a MIDI port): velocity 0..1 to 1..127 (note-on). */
static void note_bytes(const continuo_clap_event_note *note, int on, uint8_t bytes[3])
{
    long velocity = lround(note->velocity * 127.0);
    velocity = velocity < (on ? 1 : 0) ? (on ? 1 : 0) : (velocity > 127 ? 127 : velocity);
    bytes[0] = (uint8_t)((on ? 0x90 : 0x80) | (note->channel & 0x0F));
    bytes[1] = (uint8_t)(note->key & 0x7F);
    bytes[2] = (uint8_t)velocity;
}

/* The block's melody: MIDI events and CLAP notes on the input port, clamped into the block. */
static uint32_t read_events(instance *self, const continuo_clap_input_events *events, uint32_t frames)
{
    uint32_t count = 0;
    uint32_t size = events != NULL ? events->size(events) : 0;
    for (uint32_t i = 0; i < size; i++) {
        const continuo_clap_event_header *header = events->get(events, i);
        if (header == NULL || header->space_id != CONTINUO_CLAP_CORE_EVENT_SPACE) {
            continue;
        }
        uint32_t frame = header->time < frames ? header->time : frames - 1;
        uint8_t bytes[3];
        if (header->type == CONTINUO_CLAP_EVENT_MIDI) {
            const continuo_clap_event_midi *midi = (const continuo_clap_event_midi *)header;
            memcpy(bytes, midi->data, 3);
            count += add_melody(self, count, frame, channel_message_size(bytes[0]), bytes);
        } else if (header->type == CONTINUO_CLAP_EVENT_PARAM_VALUE) {
            const continuo_clap_event_param_value *change = (const continuo_clap_event_param_value *)header;
            continuo_core_set_param(self->core, change->param_id, change->value);
        } else if (header->type == CONTINUO_CLAP_EVENT_NOTE_ON || header->type == CONTINUO_CLAP_EVENT_NOTE_OFF) {
            const continuo_clap_event_note *note = (const continuo_clap_event_note *)header;
            if (note->key >= 0 && note->channel >= 0) {
                note_bytes(note, header->type == CONTINUO_CLAP_EVENT_NOTE_ON, bytes);
                count += add_melody(self, count, frame, 3, bytes);
            }
        }
        /*
         * A transport event inside the block is not split out: the core takes one transport per block, and the
         * next block's clap_process.transport carries the change.
         */
    }
    return count;
}

/* The block's transport from the host's at its first frame; without one (free running), stopped where it was. */
static continuo_transport transport(instance *self, const continuo_clap_event_transport *host, uint32_t frames)
{
    continuo_transport block = {0};
    block.frames = frames;
    block.sample_rate = self->sample_rate;
    block.beat = self->next_beat;
    if (host != NULL) {
        if ((host->flags & CONTINUO_CLAP_TRANSPORT_HAS_TEMPO) != 0 && host->tempo > 0.0) {
            self->tempo_bpm = host->tempo;
        }
        if ((host->flags & CONTINUO_CLAP_TRANSPORT_HAS_TIME_SIGNATURE) != 0 && host->tsig_num > 0
            && host->tsig_denom > 0) {
            self->beats_per_bar = (uint8_t)(host->tsig_num > 255 ? 255 : host->tsig_num);
            self->beat_unit = (uint8_t)(host->tsig_denom > 255 ? 255 : host->tsig_denom);
        }
        block.rolling = (host->flags & CONTINUO_CLAP_TRANSPORT_IS_PLAYING) != 0;
        if ((host->flags & CONTINUO_CLAP_TRANSPORT_HAS_BEATS_TIMELINE) != 0) {
            block.beat = (double)host->song_pos_beats / (double)CONTINUO_CLAP_FIXED_POINT_ONE;
            block.position = 1;
            block.jumped = block.rolling && self->was_rolling && fabs(block.beat - self->next_beat) > JUMP_BEATS;
        }
    }
    block.tempo_bpm = self->tempo_bpm;
    block.beats_per_bar = self->beats_per_bar;
    block.beat_unit = self->beat_unit;
    return block;
}

/* The core's output, sorted by frame already, as MIDI events on the output port. */
static void write_events(const continuo_midi_output *output, const continuo_clap_output_events *events)
{
    if (events == NULL) {
        return;
    }
    for (uint32_t i = 0; i < output->count; i++) {
        const continuo_midi_event *source = &output->events[i];
        continuo_clap_event_midi event = {0};
        event.header.size = sizeof event;
        event.header.time = source->offset_frames;
        event.header.space_id = CONTINUO_CLAP_CORE_EVENT_SPACE;
        event.header.type = CONTINUO_CLAP_EVENT_MIDI;
        memcpy(event.data, source->bytes, 3);
        if (!events->try_push(events, &event.header)) {
            return; /* the host's list is full: later events would arrive out of order or not at all */
        }
    }
}

/* Audio thread: never allocates, locks or blocks. */
static int32_t process(const continuo_clap_plugin *plugin, const continuo_clap_process *process)
{
    instance *self = self_of(plugin);
    uint32_t frames = process->frames_count;
    if (frames == 0) {
        return CONTINUO_CLAP_PROCESS_CONTINUE;
    }
    uint32_t melody_count = read_events(self, process->in_events, frames);
    continuo_transport block = transport(self, process->transport, frames);
    continuo_midi_output output = {self->output, OUTPUT_EVENTS, 0, 0};
    continuo_core_process(self->core, &block, self->melody, melody_count, &output);
    write_events(&output, process->out_events);
    self->was_rolling = block.rolling;
    self->next_beat = block.beat + (block.rolling ? frames * block.tempo_bpm / 60.0 / self->sample_rate : 0.0);
    return CONTINUO_CLAP_PROCESS_CONTINUE;
}

/* Main thread. */
static uint32_t note_port_count(const continuo_clap_plugin *plugin, bool is_input)
{
    (void)plugin;
    (void)is_input;
    return 1;
}

/* Main thread: "melody" in (id 0) and "accompaniment" out (id 1), MIDI only. */
static bool note_port_get(const continuo_clap_plugin *plugin, uint32_t index, bool is_input,
                          continuo_clap_note_port_info *info)
{
    (void)plugin;
    if (index != 0) {
        return false;
    }
    memset(info, 0, sizeof *info);
    info->id = is_input ? 0 : 1;
    info->supported_dialects = CONTINUO_CLAP_NOTE_DIALECT_MIDI;
    info->preferred_dialect = CONTINUO_CLAP_NOTE_DIALECT_MIDI;
    strcpy(info->name, is_input ? "melody" : "accompaniment");
    return true;
}

static const continuo_clap_plugin_note_ports NOTE_PORTS = {note_port_count, note_port_get};

/* Main thread. */
static uint32_t param_count(const continuo_clap_plugin *plugin)
{
    (void)plugin;
    return CONTINUO_PARAM_COUNT;
}

/* Main thread: the core's table, every parameter automatable; ids are the table's. */
static bool param_get_info(const continuo_clap_plugin *plugin, uint32_t index, continuo_clap_param_info *info)
{
    (void)plugin;
    const continuo_param_info *param = continuo_param_info_of(index);
    if (param == NULL) {
        return false;
    }
    memset(info, 0, sizeof *info);
    info->id = param->id;
    info->flags = CONTINUO_CLAP_PARAM_IS_AUTOMATABLE | (param->stepped ? CONTINUO_CLAP_PARAM_IS_STEPPED : 0u);
    snprintf(info->name, sizeof info->name, "%s", param->name);
    snprintf(info->module, sizeof info->module, "%s", param->id >= CONTINUO_LINK_PARAM_MUTE_1 ? "Parts" : "");
    info->min_value = param->min;
    info->max_value = param->max;
    info->default_value = param->fallback;
    return true;
}

/* Main thread. */
static bool param_get_value(const continuo_clap_plugin *plugin, uint32_t id, double *value)
{
    if (continuo_param_info_of(id) == NULL) {
        return false;
    }
    *value = continuo_core_param(self_of(plugin)->core, id);
    return true;
}

/* Main thread. */
static bool param_value_to_text(const continuo_clap_plugin *plugin, uint32_t id, double value, char *text,
                                uint32_t capacity)
{
    (void)plugin;
    const continuo_param_info *param = continuo_param_info_of(id);
    if (param == NULL || capacity == 0) {
        return false;
    }
    continuo_param_format(param, value, text, capacity);
    return true;
}

/* Main thread. */
static bool param_text_to_value(const continuo_clap_plugin *plugin, uint32_t id, const char *text, double *value)
{
    (void)plugin;
    const continuo_param_info *param = continuo_param_info_of(id);
    return param != NULL && text != NULL && continuo_param_parse(param, text, value);
}

/* Not during process: parameter changes while the plug-in does not process. */
static void param_flush(const continuo_clap_plugin *plugin, const continuo_clap_input_events *in,
                        const continuo_clap_output_events *out)
{
    (void)out;
    instance *self = self_of(plugin);
    uint32_t size = in != NULL ? in->size(in) : 0;
    for (uint32_t i = 0; i < size; i++) {
        const continuo_clap_event_header *header = in->get(in, i);
        if (header != NULL && header->space_id == CONTINUO_CLAP_CORE_EVENT_SPACE
            && header->type == CONTINUO_CLAP_EVENT_PARAM_VALUE) {
            const continuo_clap_event_param_value *change = (const continuo_clap_event_param_value *)header;
            continuo_core_set_param(self->core, change->param_id, change->value);
        }
    }
}

static const continuo_clap_plugin_params PARAMS = {
    param_count, param_get_info, param_get_value, param_value_to_text, param_text_to_value, param_flush,
};

/* Main thread: the core's state, written whole (a stream may take it in pieces). */
static bool state_save(const continuo_clap_plugin *plugin, const continuo_clap_ostream *stream)
{
    unsigned char *data;
    size_t size;
    if (continuo_core_save(self_of(plugin)->core, &data, &size) != CONTINUO_STATE_OK) {
        return false;
    }
    size_t written = 0;
    while (written < size) {
        int64_t step = stream->write(stream, data + written, size - written);
        if (step <= 0) {
            break;
        }
        written += (size_t)step;
    }
    free(data);
    return written == size;
}

/* Main thread: a saved state read to its end (refused past any state Continuo writes), then given to the core. */
static bool state_load(const continuo_clap_plugin *plugin, const continuo_clap_istream *stream)
{
    instance *self = self_of(plugin);
    size_t capacity = 65536, size = 0;
    unsigned char *data = malloc(capacity);
    int64_t step = 1;
    while (data != NULL && step > 0) {
        if (size == capacity) {
            unsigned char *grown = capacity < CONTINUO_STATE_MAX_BYTES ? realloc(data, capacity * 2) : NULL;
            if (grown == NULL) {
                break;
            }
            data = grown;
            capacity *= 2;
        }
        step = stream->read(stream, data + size, capacity - size);
        size += step > 0 ? (size_t)step : 0;
    }
    int restored = data != NULL && step == 0 && continuo_core_restore(self->core, data, size) == CONTINUO_STATE_OK;
    free(data);
    if (restored) {
        const continuo_clap_host_params *host_params = self->host->get_extension(self->host, CONTINUO_CLAP_EXT_PARAMS);
        if (host_params != NULL && host_params->rescan != NULL) {
            host_params->rescan(self->host, CONTINUO_CLAP_PARAM_RESCAN_VALUES);
        }
    }
    return restored;
}

static const continuo_clap_plugin_state STATE = {state_save, state_load};

typedef struct extension {
    const char *id;
    const void *table;
} extension;

static const extension EXTENSIONS[] = {
    {CONTINUO_CLAP_EXT_NOTE_PORTS, &NOTE_PORTS},
    {CONTINUO_CLAP_EXT_PARAMS, &PARAMS},
    {CONTINUO_CLAP_EXT_STATE, &STATE},
};

/* Any thread. */
static const void *get_extension(const continuo_clap_plugin *plugin, const char *id)
{
    (void)plugin;
    for (size_t i = 0; i < sizeof EXTENSIONS / sizeof EXTENSIONS[0]; i++) {
        if (strcmp(EXTENSIONS[i].id, id) == 0) {
            return EXTENSIONS[i].table;
        }
    }
    return NULL;
}

/* Main thread: the plug-in never asks for a callback. */
static void on_main_thread(const continuo_clap_plugin *plugin)
{
    (void)plugin;
}

static uint32_t factory_count(const continuo_clap_plugin_factory *factory)
{
    (void)factory;
    return 1;
}

static const continuo_clap_descriptor *factory_descriptor(const continuo_clap_plugin_factory *factory, uint32_t index)
{
    (void)factory;
    return index == 0 ? &DESCRIPTOR : NULL;
}

/* Main thread: a new instance, not yet initialized; NULL for another id, an incompatible host or no memory. */
static const continuo_clap_plugin *factory_create(const continuo_clap_plugin_factory *factory,
                                                  const continuo_clap_host *host, const char *plugin_id)
{
    (void)factory;
    if (host == NULL || !continuo_clap_version_compatible(host->clap_version) || plugin_id == NULL
        || strcmp(plugin_id, PLUGIN_ID) != 0) {
        return NULL;
    }
    instance *self = calloc(1, sizeof *self);
    if (self == NULL) {
        return NULL;
    }
    self->host = host;
    self->tempo_bpm = 120.0;
    self->beats_per_bar = 4;
    self->beat_unit = 4;
    self->plugin = (continuo_clap_plugin){
        &DESCRIPTOR, self, init, destroy, activate, deactivate, start_processing, stop_processing, reset,
        process, get_extension, on_main_thread,
    };
    return &self->plugin;
}

static const continuo_clap_plugin_factory FACTORY = {factory_count, factory_descriptor, factory_create};

/* Main thread: nothing to set up per process; every instance starts its own core. */
static bool entry_init(const char *plugin_path)
{
    (void)plugin_path;
    return true;
}

static void entry_deinit(void)
{
}

static const void *entry_factory(const char *factory_id)
{
    return strcmp(factory_id, CONTINUO_CLAP_PLUGIN_FACTORY_ID) == 0 ? &FACTORY : NULL;
}

__attribute__((visibility("default"))) const continuo_clap_entry clap_entry = {
    {CONTINUO_CLAP_VERSION_MAJOR, CONTINUO_CLAP_VERSION_MINOR, CONTINUO_CLAP_VERSION_REVISION},
    entry_init,
    entry_deinit,
    entry_factory,
};
