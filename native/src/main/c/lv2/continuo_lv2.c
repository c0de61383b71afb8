/*
 * The LV2 shim: an lv2:MIDIPlugin whose atom input carries the melody (midi:MidiEvent) and the host's transport
 * (time:Position), and whose atom output carries the accompaniment. Its only work is translating LV2 atoms to the
 * core's transport and events and back.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lv2_abi.h"
#include "params.h"
#include "host_clock.h"
#include "plugin_core.h"
#include "state.h"

#define PLUGIN_URI "https://continuo.dev/lv2/continuo"
#define STATE_KEY PLUGIN_URI "#state"
#define MELODY_EVENTS 512u
#define OUTPUT_EVENTS 2048u

/* The atom ports, then one control port per parameter (index PORT_PARAMS + parameter id; see continuo_ttl.c). */
enum port { PORT_IN = 0, PORT_OUT = 1, PORT_PARAMS = 2 };

typedef struct urids {
    uint32_t sequence, object, blank, float_type, double_type, int_type, long_type, midi_event;
    uint32_t position, bar, bar_beat, beats_per_bar, beats_per_minute, beat_unit, speed;
    uint32_t chunk, state_key;
} urids;

/* The host's transport as last reported; hosts send time:Position only on changes (jalv) or every block (Ardour). */
typedef struct host_time {
    int known;
    double bar;
    double bar_beat;
    double beats_per_bar;
    double beat_unit;
    double beats_per_minute; /* in beat units */
    double speed;
} host_time;

typedef struct instance {
    const continuo_lv2_sequence *in;
    continuo_lv2_sequence *out;
    const float *params[CONTINUO_PARAM_COUNT];
    float heard[CONTINUO_PARAM_COUNT]; /* the control ports' values last given to the core (NaN: none yet) */
    urids uri;
    double sample_rate;
    continuo_core *core;
    host_time host;
    continuo_host_clock clock; /* rounding: Ardour sends barBeat in its ticks */
    continuo_midi_event melody[MELODY_EVENTS];
    continuo_midi_event output[OUTPUT_EVENTS];
} instance;

static void map_uris(urids *uri, const continuo_lv2_urid_map *map)
{
    uri->sequence = map->map(map->handle, CONTINUO_LV2_ATOM "Sequence");
    uri->object = map->map(map->handle, CONTINUO_LV2_ATOM "Object");
    uri->blank = map->map(map->handle, CONTINUO_LV2_ATOM "Blank");
    uri->float_type = map->map(map->handle, CONTINUO_LV2_ATOM "Float");
    uri->double_type = map->map(map->handle, CONTINUO_LV2_ATOM "Double");
    uri->int_type = map->map(map->handle, CONTINUO_LV2_ATOM "Int");
    uri->long_type = map->map(map->handle, CONTINUO_LV2_ATOM "Long");
    uri->midi_event = map->map(map->handle, CONTINUO_LV2_MIDI_EVENT);
    uri->position = map->map(map->handle, CONTINUO_LV2_TIME "Position");
    uri->bar = map->map(map->handle, CONTINUO_LV2_TIME "bar");
    uri->bar_beat = map->map(map->handle, CONTINUO_LV2_TIME "barBeat");
    uri->beats_per_bar = map->map(map->handle, CONTINUO_LV2_TIME "beatsPerBar");
    uri->beats_per_minute = map->map(map->handle, CONTINUO_LV2_TIME "beatsPerMinute");
    uri->beat_unit = map->map(map->handle, CONTINUO_LV2_TIME "beatUnit");
    uri->speed = map->map(map->handle, CONTINUO_LV2_TIME "speed");
    uri->chunk = map->map(map->handle, CONTINUO_LV2_ATOM "Chunk");
    uri->state_key = map->map(map->handle, STATE_KEY);
}

/* Called on the host's instantiation thread. Needs urid:map; starts the core (and its background thread). */
static continuo_lv2_handle instantiate(const continuo_lv2_descriptor *descriptor, double sample_rate,
                                       const char *bundle_path, const continuo_lv2_feature *const *features)
{
    (void)descriptor;
    (void)bundle_path;
    const continuo_lv2_urid_map *map = NULL;
    for (int i = 0; features != NULL && features[i] != NULL; i++) {
        if (strcmp(features[i]->URI, CONTINUO_LV2_URID_MAP) == 0) {
            map = features[i]->data;
        }
    }
    if (map == NULL) {
        return NULL;
    }
    instance *self = calloc(1, sizeof *self);
    if (self == NULL) {
        return NULL;
    }
    map_uris(&self->uri, map);
    self->sample_rate = sample_rate;
    self->clock.rounding_beats = CONTINUO_HOST_ROUNDING_BEATS;
    self->host.beats_per_bar = 4.0;
    self->host.beat_unit = 4.0;
    self->host.beats_per_minute = 120.0;
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        self->heard[id] = NAN;
    }
    self->core = continuo_core_create("lv2");
    if (self->core == NULL) {
        free(self);
        return NULL;
    }
    return self;
}

/* Called on the audio thread or the instantiation thread, never during run. */
static void connect_port(continuo_lv2_handle handle, uint32_t port, void *data)
{
    instance *self = handle;
    if (port == PORT_IN) {
        self->in = data;
    } else if (port == PORT_OUT) {
        self->out = data;
    } else if (port >= PORT_PARAMS && port < PORT_PARAMS + CONTINUO_PARAM_COUNT) {
        self->params[port - PORT_PARAMS] = data;
    }
}

/* Called on the instantiation thread. */
static void activate(continuo_lv2_handle handle)
{
    instance *self = handle;
    self->clock.was_rolling = 0;
}

static int number(const urids *uri, const continuo_lv2_atom *atom, double *value)
{
    const void *body = atom + 1;
    if (atom->type == uri->float_type && atom->size >= 4) {
        *value = *(const float *)body;
    } else if (atom->type == uri->double_type && atom->size >= 8) {
        *value = *(const double *)body;
    } else if (atom->type == uri->int_type && atom->size >= 4) {
        *value = *(const int32_t *)body;
    } else if (atom->type == uri->long_type && atom->size >= 8) {
        *value = (double)*(const int64_t *)body;
    } else {
        return 0;
    }
    return 1;
}

/* Takes the fields a time:Position object carries; returns 1 if it placed the playhead (bar and barBeat). */
static int read_position(instance *self, const continuo_lv2_object *object)
{
    const uint8_t *at = (const uint8_t *)(object + 1);
    const uint8_t *end = (const uint8_t *)object + sizeof object->atom + object->atom.size;
    int placed = 0;
    while (at + sizeof(continuo_lv2_property) <= end) {
        const continuo_lv2_property *property = (const continuo_lv2_property *)at;
        double value;
        if (number(&self->uri, &property->value, &value)) {
            uint32_t key = property->key;
            if (key == self->uri.bar) {
                self->host.bar = value;
                placed = 1;
            } else if (key == self->uri.bar_beat) {
                self->host.bar_beat = value;
                placed = 1;
            } else if (key == self->uri.beats_per_bar && value > 0.0) {
                self->host.beats_per_bar = value;
            } else if (key == self->uri.beat_unit && value > 0.0) {
                self->host.beat_unit = value;
            } else if (key == self->uri.beats_per_minute && value > 0.0) {
                self->host.beats_per_minute = value;
            } else if (key == self->uri.speed) {
                self->host.speed = value;
            }
        }
        at += sizeof(continuo_lv2_property) + continuo_lv2_pad(property->value.size);
    }
    self->host.known = 1;
    return placed;
}

static double quarter_notes_per_beat(const host_time *host)
{
    return 4.0 / host->beat_unit;
}

/* Quarter notes per minute at the host's speed (varispeed); the nominal tempo while stopped. */
static double tempo_bpm(const host_time *host)
{
    double speed = host->speed > 0.0 ? host->speed : 1.0;
    return host->beats_per_minute * quarter_notes_per_beat(host) * speed;
}

/* Reads the block's input: melody events into self->melody, positions into self->host. */
static uint32_t read_input(instance *self, uint32_t frames, int *placed, uint32_t *placed_frame)
{
    uint32_t count = 0;
    *placed = 0;
    if (self->in == NULL) {
        return 0;
    }
    const uint8_t *at = (const uint8_t *)(self->in + 1);
    const uint8_t *end = (const uint8_t *)self->in + sizeof self->in->atom + self->in->atom.size;
    while (at + sizeof(continuo_lv2_event) <= end) {
        const continuo_lv2_event *event = (const continuo_lv2_event *)at;
        uint32_t frame = event->frames < 0 ? 0 : (event->frames >= frames ? frames - 1 : (uint32_t)event->frames);
        const uint8_t *body = (const uint8_t *)(event + 1);
        if (event->body.type == self->uri.midi_event && event->body.size >= 1 && event->body.size <= 3
            && count < MELODY_EVENTS) {
            continuo_midi_event *note = &self->melody[count++];
            note->offset_frames = frame;
            note->size = (uint8_t)event->body.size;
            memset(note->bytes, 0, sizeof note->bytes);
            memcpy(note->bytes, body, event->body.size);
        } else if ((event->body.type == self->uri.object || event->body.type == self->uri.blank)
                   && event->body.size >= 8
                   && ((const continuo_lv2_object *)&event->body)->otype == self->uri.position) {
            if (read_position(self, (const continuo_lv2_object *)&event->body)) {
                *placed = 1;
                *placed_frame = frame;
            }
        }
        at += sizeof(continuo_lv2_event) + continuo_lv2_pad(event->body.size);
    }
    return count;
}

/* The block's transport: the host's position when it sent one this block, else extrapolated from the last. */
static continuo_transport transport(instance *self, uint32_t frames, int placed, uint32_t placed_frame)
{
    continuo_transport block = {0};
    block.frames = frames;
    block.sample_rate = self->sample_rate;
    block.tempo_bpm = tempo_bpm(&self->host);
    block.rolling = self->host.known && self->host.speed > 0.0;
    block.beats_per_bar = (uint8_t)fmin(255.0, self->host.beats_per_bar);
    block.beat_unit = (uint8_t)fmin(255.0, self->host.beat_unit);
    double first_frame_beat = 0.0;
    if (placed) {
        double host_beat = (self->host.bar * self->host.beats_per_bar + self->host.bar_beat)
                           * quarter_notes_per_beat(&self->host);
        first_frame_beat = host_beat - placed_frame * block.tempo_bpm / 60.0 / self->sample_rate;
    }
    continuo_host_clock_place(&self->clock, &block, placed, first_frame_beat);
    return block;
}

static void write_output(instance *self, const continuo_midi_output *output)
{
    if (self->out == NULL) {
        return;
    }
    uint32_t capacity = self->out->atom.size; /* the host sets it to the buffer's free bytes */
    self->out->atom.type = self->uri.sequence;
    self->out->atom.size = sizeof(continuo_lv2_sequence) - sizeof(continuo_lv2_atom);
    self->out->unit = 0;
    self->out->pad = 0;
    uint8_t *body = (uint8_t *)self->out + sizeof self->out->atom; /* the body starts with unit and pad */
    for (uint32_t i = 0; i < output->count; i++) {
        const continuo_midi_event *note = &output->events[i];
        uint32_t bytes = sizeof(continuo_lv2_event) + continuo_lv2_pad(note->size);
        if (self->out->atom.size + bytes > capacity) {
            break;
        }
        continuo_lv2_event *event = (continuo_lv2_event *)(body + self->out->atom.size);
        event->frames = note->offset_frames;
        event->body.type = self->uri.midi_event;
        event->body.size = note->size;
        memcpy(event + 1, note->bytes, note->size);
        self->out->atom.size += bytes;
    }
}

/* The control ports' values, given to the core when they change (the host automates them, and restores them). */
static void read_params(instance *self)
{
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        if (self->params[id] != NULL && !(*self->params[id] == self->heard[id])) {
            self->heard[id] = *self->params[id];
            continuo_core_set_param(self->core, id, self->heard[id]);
        }
    }
}

/* Called on the audio thread: never allocates, locks or blocks. */
static void run(continuo_lv2_handle handle, uint32_t frames)
{
    instance *self = handle;
    if (frames == 0) {
        return;
    }
    read_params(self);
    int placed;
    uint32_t placed_frame = 0;
    uint32_t melody_count = read_input(self, frames, &placed, &placed_frame);
    continuo_transport block = transport(self, frames, placed, placed_frame);
    continuo_midi_output output = {self->output, OUTPUT_EVENTS, 0, 0};
    continuo_core_process(self->core, &block, self->melody, melody_count, &output);
    write_output(self, &output);
    continuo_host_clock_advance(&self->clock, &block);
}

/* Called on the instantiation thread: notes still sounding end at the start of the next run. */
static void deactivate(continuo_lv2_handle handle)
{
    instance *self = handle;
    continuo_core_deactivate(self->core);
}

/* Called on the instantiation thread. */
static void cleanup(continuo_lv2_handle handle)
{
    instance *self = handle;
    continuo_core_destroy(self->core);
    free(self);
}

/* The host's thread for state (the main thread; run may go on meanwhile): the core's state as one atom:Chunk. */
static int save(continuo_lv2_handle handle, continuo_lv2_state_store store, void *store_handle, uint32_t flags,
                const continuo_lv2_feature *const *features)
{
    (void)flags;
    (void)features;
    instance *self = handle;
    unsigned char *data;
    size_t size;
    if (continuo_core_save(self->core, &data, &size) != CONTINUO_STATE_OK) {
        return CONTINUO_LV2_STATE_ERR_UNKNOWN;
    }
    int status = store(store_handle, self->uri.state_key, data, size, self->uri.chunk,
                       CONTINUO_LV2_STATE_IS_POD | CONTINUO_LV2_STATE_IS_PORTABLE);
    free(data);
    return status;
}

/* A state the core refuses (damaged, or from a newer Continuo) changes nothing. */
static int restore(continuo_lv2_handle handle, continuo_lv2_state_retrieve retrieve, void *retrieve_handle,
                   uint32_t flags, const continuo_lv2_feature *const *features)
{
    (void)flags;
    (void)features;
    instance *self = handle;
    size_t size = 0;
    uint32_t type = 0;
    uint32_t value_flags = 0;
    const void *data = retrieve(retrieve_handle, self->uri.state_key, &size, &type, &value_flags);
    if (data == NULL) {
        return CONTINUO_LV2_STATE_ERR_NO_PROPERTY;
    }
    if (type != self->uri.chunk) {
        return CONTINUO_LV2_STATE_ERR_BAD_TYPE;
    }
    return continuo_core_restore(self->core, data, size) == CONTINUO_STATE_OK ? CONTINUO_LV2_STATE_SUCCESS
                                                                              : CONTINUO_LV2_STATE_ERR_UNKNOWN;
}

static const continuo_lv2_state_interface state_interface = {save, restore};

/* Any thread. */
static const void *extension_data(const char *uri)
{
    return strcmp(uri, CONTINUO_LV2_STATE_INTERFACE) == 0 ? &state_interface : NULL;
}

static const continuo_lv2_descriptor descriptor = {
    PLUGIN_URI, instantiate, connect_port, activate, run, deactivate, cleanup, extension_data,
};

__attribute__((visibility("default"))) const continuo_lv2_descriptor *lv2_descriptor(uint32_t index)
{
    return index == 0 ? &descriptor : NULL;
}
