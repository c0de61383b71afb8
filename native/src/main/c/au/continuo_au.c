/*
 * The Audio Unit v2 shim: a MIDI processor ('aumi', for Logic's MIDI FX slot and other AU hosts) whose melody comes
 * in through MusicDeviceMIDIEvent and whose accompaniment goes out through the host's MIDI output callback
 * (kAudioUnitProperty_MIDIOutputCallback), following the host's transport through its host callbacks (beat and
 * tempo, meter, transport state). Its only work is translating those to the core's and back; the core does the
 * rest. No audio buses: the input and output scopes have no elements.
 *
 * The factory function ContinuoAUFactory is named in the bundle's Info.plist. The core (the session with the
 * engine) is made at AudioUnitInitialize, the first parameter change or a saved state, not when the host opens an
 * instance to scan it. The properties are au_properties.c's; the project state (kAudioUnitProperty_ClassInfo) and the current
 * preset au_class_info.c's.
 *
 * Threads: Open, Close, Initialize, Uninitialize, properties and Reset on the host's main thread; Render and
 * MusicDeviceMIDIEvent on its render thread (the events for one buffer before its Render); parameters on any.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "au_instance.h"
#include "params.h"

#define DEFAULT_MAXIMUM_FRAMES 4096u

typedef continuo_au_instance instance;

static instance *self_of(void *self)
{
    return self;
}

continuo_core *continuo_au_core(instance *self)
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
    if (plugin->preset_name != NULL) {
        CFRelease(plugin->preset_name);
    }
    free(plugin);
    return CONTINUO_AU_OK;
}

/* Main thread: starts the core (its session with the engine) if nothing did. */
static continuo_au_status initialize(void *self)
{
    instance *plugin = self_of(self);
    if (continuo_au_core(plugin) == NULL) {
        return CONTINUO_AU_ERR_FAILED_INITIALIZATION;
    }
    plugin->initialized = 1;
    plugin->clock.was_rolling = 0;
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
    if (continuo_au_core(plugin) == NULL) {
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
    if (status < 0x80 || status > 0xEF || plugin->melody_count == CONTINUO_AU_MELODY_EVENTS) {
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
    int placed = host->beat_and_tempo != NULL && host->beat_and_tempo(host->host_user_data, &beat, &tempo) == 0;
    if (placed && tempo > 0.0) {
        plugin->tempo_bpm = tempo;
    }
    continuo_host_clock_place(&plugin->clock, &block, placed, beat);
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
    continuo_midi_output output = {plugin->output, CONTINUO_AU_OUTPUT_EVENTS, 0, 0};
    continuo_core_process(plugin->core, &block, plugin->melody, plugin->melody_count, &output);
    plugin->melody_count = 0;
    send_output(plugin, &output, time);
    continuo_host_clock_advance(&plugin->clock, &block);
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
        return (continuo_au_method)(void (*)(void))continuo_au_get_property_info;
    case CONTINUO_AU_GET_PROPERTY:
        return (continuo_au_method)(void (*)(void))continuo_au_get_property;
    case CONTINUO_AU_SET_PROPERTY:
        return (continuo_au_method)(void (*)(void))continuo_au_set_property;
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
