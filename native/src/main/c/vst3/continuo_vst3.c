/*
 * The VST3 shim: one single-component class (component, audio processor and edit controller in one object) with an
 * event input bus for the melody and an event output bus for the accompaniment, and no audio buses. Its only work
 * is translating VST3 note events and the process context to the core's events and transport and back. This file
 * holds the object and its component (with the state: getState and setState); vst3_processor.c its audio
 * processor, vst3_controller.c its edit controller.
 */
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "state.h"
#include "vst3_instance.h"

_Static_assert(sizeof(continuo_vst3_event) == 48, "VST3 Event is 48 bytes on 64-bit Linux");
_Static_assert(offsetof(continuo_vst3_event, note_on) == 24, "VST3 Event body at 24");
_Static_assert(sizeof(continuo_vst3_process_context) == 112, "VST3 ProcessContext is 112 bytes");
_Static_assert(sizeof(continuo_vst3_process_data) == 80, "VST3 ProcessData is 80 bytes");
_Static_assert(sizeof(continuo_vst3_bus_info) == 276, "VST3 BusInfo is 276 bytes");
_Static_assert(sizeof(continuo_vst3_class_info2) == 440, "VST3 PClassInfo2 is 440 bytes");

const continuo_vst3_tuid continuo_vst3_class_id =
    CONTINUO_VST3_UID(0x6C6F6E74u, 0x696E756Fu, 0x9A3E4B2Du, 0x8F17C0DEu);
static const continuo_vst3_tuid FUNKNOWN_IID = CONTINUO_VST3_FUNKNOWN_IID;
static const continuo_vst3_tuid PLUGIN_BASE_IID = CONTINUO_VST3_PLUGIN_BASE_IID;
static const continuo_vst3_tuid COMPONENT_IID = CONTINUO_VST3_COMPONENT_IID;
static const continuo_vst3_tuid AUDIO_PROCESSOR_IID = CONTINUO_VST3_AUDIO_PROCESSOR_IID;
static const continuo_vst3_tuid EDIT_CONTROLLER_IID = CONTINUO_VST3_EDIT_CONTROLLER_IID;

int continuo_vst3_same_id(const char *a, const char *b)
{
    return memcmp(a, b, sizeof(continuo_vst3_tuid)) == 0;
}

/* FUnknown, shared by the three interfaces; any thread. */
continuo_vst3_result continuo_vst3_query(continuo_vst3_instance *plugin, const continuo_vst3_tuid iid, void **object)
{
    if (continuo_vst3_same_id(iid, FUNKNOWN_IID) || continuo_vst3_same_id(iid, PLUGIN_BASE_IID)
        || continuo_vst3_same_id(iid, COMPONENT_IID)) {
        *object = &plugin->component;
    } else if (continuo_vst3_same_id(iid, AUDIO_PROCESSOR_IID)) {
        *object = &plugin->processor;
    } else if (continuo_vst3_same_id(iid, EDIT_CONTROLLER_IID)) {
        *object = &plugin->controller;
    } else {
        *object = NULL;
        return CONTINUO_VST3_NO_INTERFACE;
    }
    atomic_fetch_add(&plugin->references, 1);
    return CONTINUO_VST3_OK;
}

uint32_t continuo_vst3_add_ref(continuo_vst3_instance *plugin)
{
    return atomic_fetch_add(&plugin->references, 1) + 1;
}

uint32_t continuo_vst3_release(continuo_vst3_instance *plugin)
{
    uint32_t left = atomic_fetch_sub(&plugin->references, 1) - 1;
    if (left == 0) {
        continuo_core_destroy(plugin->core); /* a host that skipped terminate */
        free(plugin);
    }
    return left;
}

CONTINUO_VST3_FUNKNOWN_THUNKS(component)

/* IPluginBase, on the host's main thread. */
static continuo_vst3_result initialize(void *self, continuo_vst3_funknown *context)
{
    (void)self;
    (void)context;
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result terminate(void *self)
{
    continuo_vst3_instance *plugin = CONTINUO_VST3_FROM(component, self);
    continuo_core_destroy(plugin->core);
    plugin->core = NULL;
    return CONTINUO_VST3_OK;
}

/* IComponent, on the main thread. */
static continuo_vst3_result get_controller_class_id(void *self, continuo_vst3_tuid class_id)
{
    (void)self;
    (void)class_id;
    return CONTINUO_VST3_NOT_IMPLEMENTED; /* the controller is this object */
}

static continuo_vst3_result set_io_mode(void *self, int32_t mode)
{
    (void)self;
    (void)mode;
    return CONTINUO_VST3_OK;
}

static int32_t get_bus_count(void *self, int32_t media_type, int32_t direction)
{
    (void)self;
    (void)direction;
    return media_type == CONTINUO_VST3_EVENT ? 1 : 0;
}

void continuo_vst3_utf16(continuo_vst3_char16 *target, size_t capacity, const char *text)
{
    size_t i = 0;
    for (; text[i] != '\0' && i + 1 < capacity; i++) {
        target[i] = (continuo_vst3_char16)(unsigned char)text[i];
    }
    target[i] = 0;
}

static continuo_vst3_result get_bus_info(void *self, int32_t media_type, int32_t direction, int32_t index,
                                         continuo_vst3_bus_info *bus)
{
    (void)self;
    if (media_type != CONTINUO_VST3_EVENT || index != 0 || bus == NULL) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    memset(bus, 0, sizeof *bus);
    bus->media_type = CONTINUO_VST3_EVENT;
    bus->direction = direction;
    bus->channel_count = 16;
    continuo_vst3_utf16(bus->name, 128, direction == CONTINUO_VST3_INPUT ? "Melody" : "Accompaniment");
    bus->bus_type = CONTINUO_VST3_MAIN_BUS;
    bus->flags = CONTINUO_VST3_BUS_DEFAULT_ACTIVE;
    return CONTINUO_VST3_TRUE;
}

static continuo_vst3_result get_routing_info(void *self, continuo_vst3_routing_info *in,
                                             continuo_vst3_routing_info *out)
{
    (void)self;
    (void)in;
    (void)out;
    return CONTINUO_VST3_NOT_IMPLEMENTED;
}

static continuo_vst3_result activate_bus(void *self, int32_t media_type, int32_t direction, int32_t index,
                                         uint8_t state)
{
    (void)self;
    (void)direction;
    (void)state;
    return media_type == CONTINUO_VST3_EVENT && index == 0 ? CONTINUO_VST3_OK : CONTINUO_VST3_INVALID_ARGUMENT;
}

continuo_core *continuo_vst3_core(continuo_vst3_instance *plugin)
{
    if (plugin->core == NULL) {
        plugin->core = continuo_core_create("vst3");
    }
    return plugin->core;
}

double continuo_vst3_param(const continuo_vst3_instance *plugin, uint32_t id)
{
    return plugin->core != NULL ? continuo_core_param(plugin->core, id) : continuo_param_info_of(id)->fallback;
}

void continuo_vst3_set_param(continuo_vst3_instance *plugin, uint32_t id, double value)
{
    if (continuo_vst3_core(plugin) != NULL) {
        continuo_core_set_param(plugin->core, id, value);
    }
}

/* Activation starts the core (its session with the engine) if nothing did; deactivation ends every sounding note. */
static continuo_vst3_result set_active(void *self, uint8_t state)
{
    continuo_vst3_instance *plugin = CONTINUO_VST3_FROM(component, self);
    if (state && continuo_vst3_core(plugin) == NULL) {
        return CONTINUO_VST3_FALSE;
    } else if (!state && plugin->core != NULL) {
        continuo_core_deactivate(plugin->core);
    }
    plugin->clock.was_rolling = 0;
    return CONTINUO_VST3_OK;
}

/* The core's state (the parameters alone while there is no core) into the host's stream, whole. */
static continuo_vst3_result get_state(void *self, continuo_vst3_stream *stream)
{
    continuo_vst3_instance *plugin = CONTINUO_VST3_FROM(component, self);
    unsigned char *data = NULL;
    size_t size = 0;
    int saved = plugin->core != NULL ? continuo_core_save(plugin->core, &data, &size)
                                     : continuo_state_write_defaults(&data, &size);
    if (stream == NULL || saved != CONTINUO_STATE_OK) {
        free(data);
        return CONTINUO_VST3_FALSE;
    }
    size_t written = 0;
    while (written < size) {
        int32_t step = 0;
        int32_t chunk = size - written > INT32_MAX ? INT32_MAX : (int32_t)(size - written);
        if (stream->vtable->write(stream, data + written, chunk, &step) != CONTINUO_VST3_OK || step <= 0) {
            break;
        }
        written += (size_t)step;
    }
    free(data);
    return written == size ? CONTINUO_VST3_OK : CONTINUO_VST3_FALSE;
}

/* A VST3 stream's read: a failed read or none ends the stream, as hosts answer at its end. */
static long read_vst3_stream(void *context, unsigned char *buffer, size_t capacity)
{
    continuo_vst3_stream *stream = context;
    int32_t step = 0;
    continuo_vst3_result read = stream->vtable->read(stream, buffer, (int32_t)capacity, &step);
    return read != CONTINUO_VST3_OK || step <= 0 ? 0 : step;
}

/* A saved state read to the stream's end (refused past any state Continuo writes) and given to the core. */
static continuo_vst3_result set_state(void *self, continuo_vst3_stream *stream)
{
    continuo_vst3_instance *plugin = CONTINUO_VST3_FROM(component, self);
    size_t size = 0;
    unsigned char *data = stream != NULL ? continuo_state_read_stream(read_vst3_stream, stream, &size) : NULL;
    int restored = data != NULL && continuo_vst3_core(plugin) != NULL
                   && continuo_core_restore(plugin->core, data, size) == CONTINUO_STATE_OK;
    free(data);
    return restored ? CONTINUO_VST3_OK : CONTINUO_VST3_FALSE;
}

static const continuo_vst3_component_vtable component_vtable = {
    .query_interface = component_query,
    .add_ref = component_add_ref,
    .release = component_release,
    .initialize = initialize,
    .terminate = terminate,
    .get_controller_class_id = get_controller_class_id,
    .set_io_mode = set_io_mode,
    .get_bus_count = get_bus_count,
    .get_bus_info = get_bus_info,
    .get_routing_info = get_routing_info,
    .activate_bus = activate_bus,
    .set_active = set_active,
    .set_state = set_state,
    .get_state = get_state,
};

continuo_vst3_instance *continuo_vst3_create(void)
{
    continuo_vst3_instance *plugin = calloc(1, sizeof *plugin);
    if (plugin == NULL) {
        return NULL;
    }
    plugin->component = &component_vtable;
    plugin->processor = &continuo_vst3_processor_vtable;
    plugin->controller = &continuo_vst3_controller_vtable;
    plugin->clock.rounding_beats = CONTINUO_HOST_ROUNDING_BEATS; /* Ardour's ticks */
    plugin->tempo_bpm = 120.0;
    plugin->beats_per_bar = 4;
    plugin->beat_unit = 4;
    atomic_init(&plugin->references, 1);
    return plugin;
}
