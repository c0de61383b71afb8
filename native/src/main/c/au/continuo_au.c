/*
 * The Audio Unit v2 shim: a MIDI processor ('aumi', for Logic's MIDI FX slot and other AU hosts) whose melody comes
 * in through MusicDeviceMIDIEvent and whose accompaniment goes out through the host's MIDI output callback
 * (kAudioUnitProperty_MIDIOutputCallback), following the host's transport through its host callbacks (beat and
 * tempo, meter, transport state). Its only work is translating those to the core's and back; the core does the
 * rest. No audio buses: the input and output scopes have no elements.
 *
 * The factory function ContinuoAUFactory is named in the bundle's Info.plist. The core (the session with the
 * engine) is made at AudioUnitInitialize or the first parameter change, not when the host opens an instance to
 * scan it. The project state (kAudioUnitProperty_ClassInfo, a CoreFoundation property list) is not answered yet.
 *
 * Threads: Open, Close, Initialize, Uninitialize, properties and Reset on the host's main thread; Render and
 * MusicDeviceMIDIEvent on its render thread (the events for one buffer before its Render); parameters on any.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "au_abi.h"
#include "params.h"
#include "plugin_core.h"

#define MELODY_EVENTS 512u
#define OUTPUT_EVENTS 2048u
/* A packet of one channel message: time stamp, length, three bytes, padding to 4. */
#define PACKET_BYTES 16u
/* A host position further than this from the extrapolated one is a locate or a loop. */
#define JUMP_BEATS 0.01
#define DEFAULT_MAXIMUM_FRAMES 4096u

typedef struct instance {
    continuo_au_plugin_interface plugin; /* first: hosts pass its address as self */
    continuo_core *core;
    int initialized;
    double sample_rate;
    uint32_t maximum_frames;
    continuo_au_host_callbacks host;
    continuo_au_midi_output midi_output;
    double tempo_bpm; /* as last reported; the host may not say every buffer */
    uint8_t beats_per_bar;
    uint8_t beat_unit;
    double next_beat; /* extrapolated quarter-note position of the next buffer's first frame */
    int was_rolling;
    uint32_t melody_count;
    continuo_midi_event melody[MELODY_EVENTS];
    continuo_midi_event output[OUTPUT_EVENTS];
    _Alignas(8) uint8_t packets[sizeof(uint32_t) + OUTPUT_EVENTS * PACKET_BYTES];
} instance;

static instance *self_of(void *self)
{
    return self;
}

static continuo_core *core_of(instance *self)
{
    if (self->core == NULL) {
        self->core = continuo_core_create("au");
    }
    return self->core;
}

/* Main thread. */
static continuo_au_status au_open(void *self, void *component_instance)
{
    (void)self;
    (void)component_instance;
    return CONTINUO_AU_OK;
}

/* Main thread: the core's notes were ended by Uninitialize, if the host called it. */
static continuo_au_status au_close(void *self)
{
    instance *plugin = self_of(self);
    continuo_core_destroy(plugin->core);
    free(plugin);
    return CONTINUO_AU_OK;
}

/* Main thread: starts the core (its session with the engine) if nothing did. */
static continuo_au_status initialize(void *self)
{
    instance *plugin = self_of(self);
    if (core_of(plugin) == NULL) {
        return CONTINUO_AU_ERR_FAILED_INITIALIZATION;
    }
    plugin->initialized = 1;
    plugin->was_rolling = 0;
    plugin->melody_count = 0;
    return CONTINUO_AU_OK;
}

/* Main thread, while no Render runs: every sounding note ends at the next buffer's first frame. */
static continuo_au_status uninitialize(void *self)
{
    instance *plugin = self_of(self);
    if (plugin->core != NULL) {
        continuo_core_deactivate(plugin->core);
    }
    plugin->initialized = 0;
    return CONTINUO_AU_OK;
}

/* Main thread (hosts call it on a stop, too): every sounding note ends at the next buffer's first frame. */
static continuo_au_status reset(void *self, uint32_t scope, uint32_t element)
{
    (void)scope;
    (void)element;
    instance *plugin = self_of(self);
    if (plugin->core != NULL) {
        continuo_core_deactivate(plugin->core);
    }
    plugin->melody_count = 0;
    return CONTINUO_AU_OK;
}

/* Bytes a property's value takes, and whether the host may set it; 0 for a property this unit does not have. */
static uint32_t property_size(uint32_t id, uint32_t scope, continuo_au_boolean *writable)
{
    *writable = 0;
    switch (id) {
    case CONTINUO_AU_PROPERTY_ELEMENT_COUNT:
        return sizeof(uint32_t);
    case CONTINUO_AU_PROPERTY_PARAMETER_LIST:
        return scope == CONTINUO_AU_SCOPE_GLOBAL ? CONTINUO_PARAM_COUNT * sizeof(uint32_t) : 0u;
    case CONTINUO_AU_PROPERTY_PARAMETER_INFO:
        return sizeof(continuo_au_parameter_info);
    case CONTINUO_AU_PROPERTY_LATENCY:
    case CONTINUO_AU_PROPERTY_TAIL_TIME:
        return sizeof(double);
    case CONTINUO_AU_PROPERTY_MIDI_OUTPUT_INFO:
        return sizeof(CFArrayRef);
    case CONTINUO_AU_PROPERTY_SAMPLE_RATE:
        *writable = 1;
        return sizeof(double);
    case CONTINUO_AU_PROPERTY_MAXIMUM_FRAMES:
        *writable = 1;
        return sizeof(uint32_t);
    case CONTINUO_AU_PROPERTY_HOST_CALLBACKS:
        *writable = 1;
        return sizeof(continuo_au_host_callbacks);
    case CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK:
        *writable = 1;
        return sizeof(continuo_au_midi_output);
    default:
        return 0;
    }
}

/* Main thread. */
static continuo_au_status get_property_info(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                            uint32_t *size, continuo_au_boolean *writable)
{
    (void)self;
    (void)element;
    continuo_au_boolean can_write;
    uint32_t bytes = property_size(id, scope, &can_write);
    if (bytes == 0 && id != CONTINUO_AU_PROPERTY_PARAMETER_LIST) {
        return CONTINUO_AU_ERR_INVALID_PROPERTY;
    }
    if (size != NULL) {
        *size = bytes;
    }
    if (writable != NULL) {
        *writable = can_write;
    }
    return CONTINUO_AU_OK;
}

/* The core's parameter table entry as AU shows it; toggles are booleans, other stepped values indexed. */
static continuo_au_status parameter_info(uint32_t id, continuo_au_parameter_info *info)
{
    const continuo_param_info *param = continuo_param_info_of(id);
    if (param == NULL) {
        return CONTINUO_AU_ERR_INVALID_PARAMETER;
    }
    memset(info, 0, sizeof *info);
    snprintf(info->name, sizeof info->name, "%s", param->name);
    int toggle = param->stepped && param->min == 0.0 && param->max == 1.0;
    info->unit = toggle ? CONTINUO_AU_UNIT_BOOLEAN : (param->stepped ? CONTINUO_AU_UNIT_INDEXED
                                                                      : CONTINUO_AU_UNIT_GENERIC);
    info->min_value = (float)param->min;
    info->max_value = (float)param->max;
    info->default_value = (float)param->fallback;
    info->flags = CONTINUO_AU_PARAMETER_READABLE | CONTINUO_AU_PARAMETER_WRITABLE;
    return CONTINUO_AU_OK;
}

/* The one MIDI output's name, in a new array the host releases. */
static CFArrayRef output_names(void)
{
    CFStringRef name = CFStringCreateWithCString(NULL, "Accompaniment", CONTINUO_AU_CF_UTF8);
    if (name == NULL) {
        return NULL;
    }
    const void *values[1] = {name};
    CFArrayRef names = CFArrayCreate(NULL, values, 1, &kCFTypeArrayCallBacks);
    CFRelease(name);
    return names;
}

/* Main thread. */
static continuo_au_status get_property(void *self, uint32_t id, uint32_t scope, uint32_t element, void *data,
                                       uint32_t *size)
{
    instance *plugin = self_of(self);
    continuo_au_boolean writable;
    uint32_t bytes = property_size(id, scope, &writable);
    if (bytes == 0 && id != CONTINUO_AU_PROPERTY_PARAMETER_LIST) {
        return CONTINUO_AU_ERR_INVALID_PROPERTY;
    }
    if (data == NULL || size == NULL || *size < bytes) {
        return CONTINUO_AU_PARAM_ERROR;
    }
    *size = bytes;
    switch (id) {
    case CONTINUO_AU_PROPERTY_ELEMENT_COUNT: {
        uint32_t count = scope == CONTINUO_AU_SCOPE_GLOBAL ? 1u : 0u; /* no audio buses */
        memcpy(data, &count, sizeof count);
        return CONTINUO_AU_OK;
    }
    case CONTINUO_AU_PROPERTY_PARAMETER_LIST:
        for (uint32_t i = 0; i * sizeof(uint32_t) < bytes; i++) {
            memcpy((uint8_t *)data + i * sizeof(uint32_t), &continuo_param_info_of(i)->id, sizeof(uint32_t));
        }
        return CONTINUO_AU_OK;
    case CONTINUO_AU_PROPERTY_PARAMETER_INFO:
        return scope == CONTINUO_AU_SCOPE_GLOBAL ? parameter_info(element, data) : CONTINUO_AU_ERR_INVALID_SCOPE;
    case CONTINUO_AU_PROPERTY_LATENCY:
    case CONTINUO_AU_PROPERTY_TAIL_TIME: {
        double none = 0.0; /* the plug-in adds no latency and holds nothing after its input ends */
        memcpy(data, &none, sizeof none);
        return CONTINUO_AU_OK;
    }
    case CONTINUO_AU_PROPERTY_MIDI_OUTPUT_INFO: {
        CFArrayRef names = output_names();
        memcpy(data, &names, sizeof names);
        return names != NULL ? CONTINUO_AU_OK : CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE;
    }
    case CONTINUO_AU_PROPERTY_SAMPLE_RATE:
        memcpy(data, &plugin->sample_rate, sizeof plugin->sample_rate);
        return CONTINUO_AU_OK;
    case CONTINUO_AU_PROPERTY_MAXIMUM_FRAMES:
        memcpy(data, &plugin->maximum_frames, sizeof plugin->maximum_frames);
        return CONTINUO_AU_OK;
    case CONTINUO_AU_PROPERTY_HOST_CALLBACKS:
        memcpy(data, &plugin->host, sizeof plugin->host);
        return CONTINUO_AU_OK;
    default: /* the MIDI output callback is write only */
        return CONTINUO_AU_ERR_INVALID_PROPERTY;
    }
}

/*
 * Main thread. Older hosts pass a HostCallbackInfo without its last procedure: what they pass is taken and the
 * rest left NULL.
 */
static continuo_au_status set_property(void *self, uint32_t id, uint32_t scope, uint32_t element, const void *data,
                                       uint32_t size)
{
    (void)element;
    instance *plugin = self_of(self);
    continuo_au_boolean writable;
    uint32_t bytes = property_size(id, scope, &writable);
    if (bytes == 0) {
        return CONTINUO_AU_ERR_INVALID_PROPERTY;
    }
    if (!writable) {
        return CONTINUO_AU_ERR_PROPERTY_NOT_WRITABLE;
    }
    if (data == NULL && id != CONTINUO_AU_PROPERTY_HOST_CALLBACKS && id != CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK) {
        return CONTINUO_AU_PARAM_ERROR;
    }
    switch (id) {
    case CONTINUO_AU_PROPERTY_SAMPLE_RATE: {
        double rate;
        if (size < sizeof rate || (memcpy(&rate, data, sizeof rate), !(rate > 0.0))) {
            return CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE;
        }
        plugin->sample_rate = rate;
        return CONTINUO_AU_OK;
    }
    case CONTINUO_AU_PROPERTY_MAXIMUM_FRAMES: {
        uint32_t frames;
        if (size < sizeof frames || plugin->initialized || (memcpy(&frames, data, sizeof frames), frames == 0)) {
            return CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE;
        }
        plugin->maximum_frames = frames;
        return CONTINUO_AU_OK;
    }
    case CONTINUO_AU_PROPERTY_HOST_CALLBACKS:
        memset(&plugin->host, 0, sizeof plugin->host);
        memcpy(&plugin->host, data, data == NULL ? 0u : (size < bytes ? size : bytes));
        return CONTINUO_AU_OK;
    default: /* CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK; NULL or a NULL procedure: no output */
        memset(&plugin->midi_output, 0, sizeof plugin->midi_output);
        memcpy(&plugin->midi_output, data, data == NULL ? 0u : (size < bytes ? size : bytes));
        return CONTINUO_AU_OK;
    }
}

/* Main thread. The unit never changes a property by itself, so listeners are taken and never called. */
static continuo_au_status add_property_listener(void *self, uint32_t id, void *proc, void *user_data)
{
    (void)self;
    (void)id;
    (void)proc;
    (void)user_data;
    return CONTINUO_AU_OK;
}

static continuo_au_status remove_property_listener(void *self, uint32_t id, void *proc)
{
    return add_property_listener(self, id, proc, NULL);
}

static continuo_au_status remove_property_listener_with_user_data(void *self, uint32_t id, void *proc,
                                                                  void *user_data)
{
    return add_property_listener(self, id, proc, user_data);
}

/* Any thread: the core's value (its table's default before there is a core). */
static continuo_au_status get_parameter(void *self, uint32_t id, uint32_t scope, uint32_t element, float *value)
{
    (void)element;
    instance *plugin = self_of(self);
    const continuo_param_info *param = continuo_param_info_of(id);
    if (param == NULL || scope != CONTINUO_AU_SCOPE_GLOBAL || value == NULL) {
        return param == NULL ? CONTINUO_AU_ERR_INVALID_PARAMETER : CONTINUO_AU_ERR_INVALID_SCOPE;
    }
    *value = (float)(plugin->core != NULL ? continuo_core_param(plugin->core, id) : param->fallback);
    return CONTINUO_AU_OK;
}

/* Any thread: applies at the next buffer (the offset inside a buffer is not followed). */
static continuo_au_status set_parameter(void *self, uint32_t id, uint32_t scope, uint32_t element, float value,
                                        uint32_t offset_frames)
{
    (void)element;
    (void)offset_frames;
    instance *plugin = self_of(self);
    if (continuo_param_info_of(id) == NULL || scope != CONTINUO_AU_SCOPE_GLOBAL) {
        return continuo_param_info_of(id) == NULL ? CONTINUO_AU_ERR_INVALID_PARAMETER : CONTINUO_AU_ERR_INVALID_SCOPE;
    }
    if (core_of(plugin) == NULL) {
        return CONTINUO_AU_ERR_FAILED_INITIALIZATION;
    }
    continuo_core_set_param(plugin->core, id, value);
    return CONTINUO_AU_OK;
}

/* Render thread: a channel message for the next Render (system messages and overflow are dropped). */
static continuo_au_status midi_event(void *self, uint32_t status, uint32_t data1, uint32_t data2,
                                     uint32_t offset_frames)
{
    instance *plugin = self_of(self);
    uint8_t type = (uint8_t)(status & 0xF0);
    if (status < 0x80 || status > 0xEF || plugin->melody_count == MELODY_EVENTS) {
        return CONTINUO_AU_OK;
    }
    continuo_midi_event *event = &plugin->melody[plugin->melody_count++];
    event->offset_frames = offset_frames;
    event->size = type == 0xC0 || type == 0xD0 ? 2 : 3;
    event->bytes[0] = (uint8_t)status;
    event->bytes[1] = (uint8_t)(data1 & 0x7F);
    event->bytes[2] = event->size == 3 ? (uint8_t)(data2 & 0x7F) : 0;
    return CONTINUO_AU_OK;
}

/* The buffer's transport from the host callbacks at its first frame; without them, stopped where it was. */
static continuo_transport transport(instance *plugin, uint32_t frames)
{
    continuo_transport block = {0};
    block.frames = frames;
    block.sample_rate = plugin->sample_rate;
    block.beat = plugin->next_beat;
    const continuo_au_host_callbacks *host = &plugin->host;
    continuo_au_boolean playing = 0;
    int told = 0;
    if (host->transport_state2 != NULL) {
        told = host->transport_state2(host->host_user_data, &playing, NULL, NULL, NULL, NULL, NULL, NULL) == 0;
    } else if (host->transport_state != NULL) {
        told = host->transport_state(host->host_user_data, &playing, NULL, NULL, NULL, NULL, NULL) == 0;
    }
    block.rolling = told && playing;
    double beat = 0.0, tempo = 0.0;
    if (host->beat_and_tempo != NULL && host->beat_and_tempo(host->host_user_data, &beat, &tempo) == 0) {
        if (tempo > 0.0) {
            plugin->tempo_bpm = tempo;
        }
        block.beat = beat;
        block.position = 1;
        block.jumped = block.rolling && plugin->was_rolling && fabs(beat - plugin->next_beat) > JUMP_BEATS;
    }
    float numerator = 0.0f;
    uint32_t denominator = 0;
    if (host->musical_time != NULL
        && host->musical_time(host->host_user_data, NULL, &numerator, &denominator, NULL) == 0 && numerator >= 1.0f
        && denominator > 0) {
        plugin->beats_per_bar = (uint8_t)(numerator > 255.0f ? 255 : (int)numerator);
        plugin->beat_unit = (uint8_t)(denominator > 255 ? 255 : denominator);
    }
    block.tempo_bpm = plugin->tempo_bpm;
    block.beats_per_bar = plugin->beats_per_bar;
    block.beat_unit = plugin->beat_unit;
    return block;
}

/* The core's output (sorted by frame) as one packet per message, time-stamped with its frame in the buffer. */
static void send_output(instance *plugin, const continuo_midi_output *output, const continuo_au_time_stamp *time)
{
    if (plugin->midi_output.proc == NULL || output->count == 0) {
        return;
    }
    uint32_t count = output->count;
    memcpy(plugin->packets, &count, sizeof count);
    uint8_t *packet = plugin->packets + sizeof count;
    for (uint32_t i = 0; i < count; i++) {
        const continuo_midi_event *event = &output->events[i];
        uint64_t stamp = event->offset_frames;
        uint16_t length = event->size;
        memcpy(packet + offsetof(continuo_au_midi_packet, time_stamp), &stamp, sizeof stamp);
        memcpy(packet + offsetof(continuo_au_midi_packet, length), &length, sizeof length);
        memcpy(packet + offsetof(continuo_au_midi_packet, data), event->bytes, length);
        size_t next = offsetof(continuo_au_midi_packet, data) + length;
#if defined(__arm__) || defined(__aarch64__)
        next = (next + 3u) & ~(size_t)3u; /* MIDIPacketNext on ARM */
#endif
        packet += next;
    }
    plugin->midi_output.proc(plugin->midi_output.user_data, time, 0,
                             (const continuo_au_midi_packet_list *)(const void *)plugin->packets);
}

/* Render thread: one buffer. Never allocates, locks or blocks; the audio buffers (there are none) are not touched. */
static continuo_au_status render(void *self, uint32_t *action_flags, const continuo_au_time_stamp *time,
                                 uint32_t bus, uint32_t frames, void *buffers)
{
    (void)action_flags;
    (void)bus;
    (void)buffers;
    instance *plugin = self_of(self);
    if (!plugin->initialized) {
        return CONTINUO_AU_ERR_UNINITIALIZED;
    }
    if (frames > plugin->maximum_frames) {
        return CONTINUO_AU_ERR_TOO_MANY_FRAMES;
    }
    if (frames == 0) {
        return CONTINUO_AU_OK;
    }
    for (uint32_t i = 0; i < plugin->melody_count; i++) {
        if (plugin->melody[i].offset_frames >= frames) {
            plugin->melody[i].offset_frames = frames - 1;
        }
    }
    continuo_transport block = transport(plugin, frames);
    continuo_midi_output output = {plugin->output, OUTPUT_EVENTS, 0, 0};
    continuo_core_process(plugin->core, &block, plugin->melody, plugin->melody_count, &output);
    plugin->melody_count = 0;
    send_output(plugin, &output, time);
    plugin->was_rolling = block.rolling;
    plugin->next_beat = block.beat + (block.rolling ? frames * block.tempo_bpm / 60.0 / plugin->sample_rate : 0.0);
    return CONTINUO_AU_OK;
}

/* Any thread: each selector's function, cast to the generic type the ABI hands out (hosts cast it back). */
static continuo_au_method lookup(int16_t selector)
{
    switch (selector) {
    case CONTINUO_AU_INITIALIZE:
        return (continuo_au_method)(void (*)(void))initialize;
    case CONTINUO_AU_UNINITIALIZE:
        return (continuo_au_method)(void (*)(void))uninitialize;
    case CONTINUO_AU_GET_PROPERTY_INFO:
        return (continuo_au_method)(void (*)(void))get_property_info;
    case CONTINUO_AU_GET_PROPERTY:
        return (continuo_au_method)(void (*)(void))get_property;
    case CONTINUO_AU_SET_PROPERTY:
        return (continuo_au_method)(void (*)(void))set_property;
    case CONTINUO_AU_ADD_PROPERTY_LISTENER:
        return (continuo_au_method)(void (*)(void))add_property_listener;
    case CONTINUO_AU_REMOVE_PROPERTY_LISTENER:
        return (continuo_au_method)(void (*)(void))remove_property_listener;
    case CONTINUO_AU_REMOVE_PROPERTY_LISTENER_WITH_USER_DATA:
        return (continuo_au_method)(void (*)(void))remove_property_listener_with_user_data;
    case CONTINUO_AU_GET_PARAMETER:
        return (continuo_au_method)(void (*)(void))get_parameter;
    case CONTINUO_AU_SET_PARAMETER:
        return (continuo_au_method)(void (*)(void))set_parameter;
    case CONTINUO_AU_RESET:
        return (continuo_au_method)(void (*)(void))reset;
    case CONTINUO_AU_RENDER:
        return (continuo_au_method)(void (*)(void))render;
    case CONTINUO_AU_MIDI_EVENT:
        return (continuo_au_method)(void (*)(void))midi_event;
    default:
        return NULL;
    }
}

/* Main thread: a new instance, not yet initialized; NULL when out of memory or for another component type. */
__attribute__((visibility("default"))) continuo_au_plugin_interface *
ContinuoAUFactory(const continuo_au_description *description)
{
    if (description != NULL && description->type != CONTINUO_AU_TYPE_MIDI_PROCESSOR) {
        return NULL;
    }
    instance *plugin = calloc(1, sizeof *plugin);
    if (plugin == NULL) {
        return NULL;
    }
    plugin->plugin = (continuo_au_plugin_interface){au_open, au_close, lookup, NULL};
    plugin->sample_rate = 44100.0;
    plugin->maximum_frames = DEFAULT_MAXIMUM_FRAMES;
    plugin->tempo_bpm = 120.0;
    plugin->beats_per_bar = 4;
    plugin->beat_unit = 4;
    return &plugin->plugin;
}
