/*
 * The AU shim's properties: what it has, their sizes and which the host may set, and getting and setting them.
 * The project state (ClassInfo) and the current preset are au_class_info.c's. All on the host's main thread.
 */
#include <stdio.h>
#include <string.h>

#include "au_instance.h"
#include "params.h"

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
    case CONTINUO_AU_PROPERTY_CLASS_INFO:
        *writable = scope == CONTINUO_AU_SCOPE_GLOBAL;
        return scope == CONTINUO_AU_SCOPE_GLOBAL ? sizeof(CFPropertyListRef) : 0u;
    case CONTINUO_AU_PROPERTY_PRESENT_PRESET:
    case CONTINUO_AU_PROPERTY_CURRENT_PRESET:
        *writable = scope == CONTINUO_AU_SCOPE_GLOBAL;
        return scope == CONTINUO_AU_SCOPE_GLOBAL ? sizeof(continuo_au_preset) : 0u;
    default:
        return 0;
    }
}

continuo_au_status continuo_au_get_property_info(void *self, uint32_t id, uint32_t scope, uint32_t element,
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

continuo_au_status continuo_au_get_property(void *self, uint32_t id, uint32_t scope, uint32_t element, void *data,
                                            uint32_t *size)
{
    continuo_au_instance *plugin = self;
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
    case CONTINUO_AU_PROPERTY_CLASS_INFO:
        return continuo_au_save_class_info(plugin, data);
    case CONTINUO_AU_PROPERTY_PRESENT_PRESET:
    case CONTINUO_AU_PROPERTY_CURRENT_PRESET:
        return continuo_au_get_preset(plugin, data, id == CONTINUO_AU_PROPERTY_PRESENT_PRESET);
    default: /* the MIDI output callback is write only */
        return CONTINUO_AU_ERR_INVALID_PROPERTY;
    }
}

/* Older hosts pass a HostCallbackInfo without its last procedure: what they pass is taken and the rest left NULL. */
continuo_au_status continuo_au_set_property(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                            const void *data, uint32_t size)
{
    (void)element;
    continuo_au_instance *plugin = self;
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
    case CONTINUO_AU_PROPERTY_CLASS_INFO: {
        CFPropertyListRef list;
        if (size < sizeof list) {
            return CONTINUO_AU_PARAM_ERROR;
        }
        memcpy(&list, data, sizeof list);
        return continuo_au_restore_class_info(plugin, list);
    }
    case CONTINUO_AU_PROPERTY_PRESENT_PRESET:
    case CONTINUO_AU_PROPERTY_CURRENT_PRESET: {
        continuo_au_preset preset;
        if (size < sizeof preset) {
            return CONTINUO_AU_PARAM_ERROR;
        }
        memcpy(&preset, data, sizeof preset);
        return continuo_au_set_preset(plugin, &preset);
    }
    default: /* CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK; NULL or a NULL procedure: no output */
        memset(&plugin->midi_output, 0, sizeof plugin->midi_output);
        memcpy(&plugin->midi_output, data, data == NULL ? 0u : (size < bytes ? size : bytes));
        return CONTINUO_AU_OK;
    }
}
