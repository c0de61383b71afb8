#define _POSIX_C_SOURCE 200809L
#include "clap_host.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

static clap_host_instance *instance_of(const continuo_clap_host *host)
{
    return host->host_data;
}

/* Any thread: the host offers no extensions. */
static const void *host_extension(const continuo_clap_host *host, const char *id)
{
    (void)host;
    (void)id;
    return NULL;
}

/* Any thread: this host restarts and calls back only when its driver says so. */
static void host_request(const continuo_clap_host *host)
{
    (void)host;
}

static uint32_t input_size(const continuo_clap_input_events *list)
{
    return instance_of(list->ctx)->input_count;
}

static const continuo_clap_event_header *input_get(const continuo_clap_input_events *list, uint32_t index)
{
    clap_host_instance *instance = instance_of(list->ctx);
    return index < instance->input_count ? &instance->inputs[index].header : NULL;
}

/* Audio thread: copies a MIDI event; counts events out of order or outside the block. */
static bool output_push(const continuo_clap_output_events *list, const continuo_clap_event_header *event)
{
    clap_host_instance *instance = instance_of(list->ctx);
    if (instance->output_count == CLAP_HOST_EVENTS) {
        instance->refused++;
        return false;
    }
    uint32_t previous = instance->output_count > 0 ? instance->outputs[instance->output_count - 1].time : 0;
    if (event->time < previous || event->time >= instance->block_frames) {
        instance->misordered++;
    }
    clap_host_output_event *copy = &instance->outputs[instance->output_count++];
    memset(copy, 0, sizeof *copy);
    copy->time = event->time;
    copy->type = event->type;
    if (event->type == CONTINUO_CLAP_EVENT_MIDI && event->size >= sizeof(continuo_clap_event_midi)) {
        memcpy(copy->data, ((const continuo_clap_event_midi *)event)->data, 3);
    }
    return true;
}

const char *clap_host_load(clap_host_plugin *plugin, const char *path)
{
    memset(plugin, 0, sizeof *plugin);
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        return "dlopen failed";
    }
    const continuo_clap_entry *entry = dlsym(library, "clap_entry");
    if (entry == NULL) {
        dlclose(library);
        return "no clap_entry symbol";
    }
    const char *problem = clap_host_use(plugin, entry, path);
    if (problem != NULL) {
        dlclose(library);
        return problem;
    }
    plugin->library = library;
    return NULL;
}

const char *clap_host_use(clap_host_plugin *plugin, const continuo_clap_entry *entry, const char *path)
{
    memset(plugin, 0, sizeof *plugin);
    if (!continuo_clap_version_compatible(entry->clap_version)) {
        return "clap_entry has an incompatible CLAP version";
    }
    if (!entry->init(path)) {
        return "clap_entry.init failed";
    }
    const continuo_clap_plugin_factory *factory = entry->get_factory(CONTINUO_CLAP_PLUGIN_FACTORY_ID);
    const char *problem = NULL;
    if (factory == NULL) {
        problem = "no plug-in factory";
    } else if (factory->get_plugin_count(factory) != 1) {
        problem = "the factory does not hold exactly one plug-in";
    } else {
        const continuo_clap_descriptor *descriptor = factory->get_plugin_descriptor(factory, 0);
        int note_effect = 0;
        for (int i = 0; descriptor != NULL && descriptor->features != NULL && descriptor->features[i] != NULL; i++) {
            note_effect |= strcmp(descriptor->features[i], CONTINUO_CLAP_FEATURE_NOTE_EFFECT) == 0;
        }
        if (descriptor == NULL || descriptor->id == NULL || descriptor->name == NULL) {
            problem = "the descriptor lacks an id or a name";
        } else if (!continuo_clap_version_compatible(descriptor->clap_version) || !note_effect) {
            problem = "the descriptor is not a CLAP 1 note effect";
        } else {
            plugin->descriptor = descriptor;
        }
    }
    if (problem != NULL) {
        entry->deinit();
        return problem;
    }
    plugin->entry = entry;
    plugin->factory = factory;
    return NULL;
}

void clap_host_unload(clap_host_plugin *plugin)
{
    if (plugin->entry != NULL) {
        plugin->entry->deinit();
    }
    if (plugin->library != NULL) {
        dlclose(plugin->library);
    }
    memset(plugin, 0, sizeof *plugin);
}

static const char *check_note_ports(const continuo_clap_plugin *plugin)
{
    const continuo_clap_plugin_note_ports *ports = plugin->get_extension(plugin, CONTINUO_CLAP_EXT_NOTE_PORTS);
    if (ports == NULL) {
        return "no note-ports extension";
    }
    for (int input = 0; input <= 1; input++) {
        continuo_clap_note_port_info info;
        if (ports->count(plugin, input) != 1 || !ports->get(plugin, 0, input, &info)) {
            return "not one note port each way";
        }
        if ((info.supported_dialects & CONTINUO_CLAP_NOTE_DIALECT_MIDI) == 0
            || info.preferred_dialect != CONTINUO_CLAP_NOTE_DIALECT_MIDI || info.id == CONTINUO_CLAP_INVALID_ID
            || memchr(info.name, '\0', sizeof info.name) == NULL) {
            return "a note port is not a named MIDI port";
        }
    }
    return NULL;
}

const char *clap_host_instantiate(const clap_host_plugin *plugin, clap_host_instance *instance, double sample_rate,
                                  uint32_t min_frames, uint32_t max_frames)
{
    memset(instance, 0, sizeof *instance);
    instance->host = (continuo_clap_host){
        {CONTINUO_CLAP_VERSION_MAJOR, CONTINUO_CLAP_VERSION_MINOR, CONTINUO_CLAP_VERSION_REVISION},
        instance, "continuo-clap-host", "Continuo", "https://continuo.dev", "0.1.0",
        host_extension, host_request, host_request, host_request,
    };
    instance->in = (continuo_clap_input_events){&instance->host, input_size, input_get};
    instance->out = (continuo_clap_output_events){&instance->host, output_push};
    const continuo_clap_plugin *created =
        plugin->factory->create_plugin(plugin->factory, &instance->host, plugin->descriptor->id);
    if (created == NULL) {
        return "create_plugin failed";
    }
    if (!created->init(created)) {
        created->destroy(created);
        return "init failed";
    }
    const char *problem = check_note_ports(created);
    if (problem == NULL && !created->activate(created, sample_rate, min_frames, max_frames)) {
        problem = "activate failed";
    }
    if (problem != NULL) {
        created->destroy(created);
        return problem;
    }
    if (!created->start_processing(created)) {
        created->deactivate(created);
        created->destroy(created);
        return "start_processing failed";
    }
    instance->plugin = created;
    return NULL;
}

void clap_host_release(clap_host_instance *instance)
{
    if (instance->plugin == NULL) {
        return;
    }
    instance->plugin->stop_processing(instance->plugin);
    instance->plugin->deactivate(instance->plugin);
    instance->plugin->destroy(instance->plugin);
    instance->plugin = NULL;
}

static continuo_clap_event_header header(uint32_t size, uint32_t time, uint16_t type)
{
    return (continuo_clap_event_header){size, time, CONTINUO_CLAP_CORE_EVENT_SPACE, type, 0};
}

void clap_host_add_midi(clap_host_instance *instance, uint32_t time, uint8_t status, uint8_t data1, uint8_t data2)
{
    if (instance->input_count == CLAP_HOST_EVENTS) {
        return;
    }
    continuo_clap_event_midi *event = &instance->inputs[instance->input_count++].midi;
    memset(event, 0, sizeof *event);
    event->header = header(sizeof *event, time, CONTINUO_CLAP_EVENT_MIDI);
    event->data[0] = status;
    event->data[1] = data1;
    event->data[2] = data2;
}

void clap_host_add_note(clap_host_instance *instance, int on, uint32_t time, int16_t channel, int16_t key,
                        double velocity)
{
    if (instance->input_count == CLAP_HOST_EVENTS) {
        return;
    }
    continuo_clap_event_note *event = &instance->inputs[instance->input_count++].note;
    memset(event, 0, sizeof *event);
    event->header = header(sizeof *event, time, on ? CONTINUO_CLAP_EVENT_NOTE_ON : CONTINUO_CLAP_EVENT_NOTE_OFF);
    event->note_id = -1;
    event->channel = channel;
    event->key = key;
    event->velocity = velocity;
}

void clap_host_add_param(clap_host_instance *instance, uint32_t time, uint32_t id, double value)
{
    if (instance->input_count == CLAP_HOST_EVENTS) {
        return;
    }
    continuo_clap_event_param_value *event = &instance->inputs[instance->input_count++].param;
    memset(event, 0, sizeof *event);
    event->header = header(sizeof *event, time, CONTINUO_CLAP_EVENT_PARAM_VALUE);
    event->param_id = id;
    event->note_id = -1;
    event->port_index = -1;
    event->channel = -1;
    event->key = -1;
    event->value = value;
}

int32_t clap_host_process(clap_host_instance *instance, uint32_t frames,
                          const continuo_clap_event_transport *transport)
{
    continuo_clap_process process = {0};
    process.steady_time = instance->steady_time;
    process.frames_count = frames;
    process.transport = transport;
    process.in_events = &instance->in;
    process.out_events = &instance->out;
    instance->output_count = 0;
    instance->block_frames = frames;
    int32_t status = instance->plugin->process(instance->plugin, &process);
    instance->input_count = 0;
    instance->steady_time += frames;
    return status;
}
