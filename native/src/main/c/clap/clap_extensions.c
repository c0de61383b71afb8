/*
 * The CLAP shim's extensions, looked up in one table (continuo_clap_get_extension): note-ports, params (the
 * core's table; values come as CONTINUO_CLAP_EVENT_PARAM_VALUE in process or flush) and state (the core's saved
 * state as one byte stream).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clap_instance.h"
#include "params.h"
#include "state.h"

typedef continuo_clap_instance instance;

static instance *self_of(const continuo_clap_plugin *plugin)
{
    return continuo_clap_of(plugin);
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

static long read_clap_stream(void *context, unsigned char *buffer, size_t capacity)
{
    const continuo_clap_istream *stream = context;
    return (long)stream->read(stream, buffer, capacity);
}

/* Main thread: a saved state read to its end (refused past any state Continuo writes), then given to the core. */
static bool state_load(const continuo_clap_plugin *plugin, const continuo_clap_istream *stream)
{
    instance *self = self_of(plugin);
    size_t size = 0;
    unsigned char *data = continuo_state_read_stream(read_clap_stream, (void *)stream, &size);
    int restored = data != NULL && continuo_core_restore(self->core, data, size) == CONTINUO_STATE_OK;
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
const void *continuo_clap_get_extension(const continuo_clap_plugin *plugin, const char *id)
{
    (void)plugin;
    for (size_t i = 0; i < sizeof EXTENSIONS / sizeof EXTENSIONS[0]; i++) {
        if (strcmp(EXTENSIONS[i].id, id) == 0) {
            return EXTENSIONS[i].table;
        }
    }
    return NULL;
}
