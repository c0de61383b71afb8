#include "vst3_host.h"

#include <string.h>

#include "test_runner.h"

static const continuo_vst3_tuid FACTORY3_IID = CONTINUO_VST3_FACTORY3_IID;
static const continuo_vst3_tuid COMPONENT_IID = CONTINUO_VST3_COMPONENT_IID;
static const continuo_vst3_tuid AUDIO_PROCESSOR_IID = CONTINUO_VST3_AUDIO_PROCESSOR_IID;
static const continuo_vst3_tuid EVENT_LIST_IID = CONTINUO_VST3_EVENT_LIST_IID;

static continuo_vst3_result list_query(void *self, const continuo_vst3_tuid iid, void **object)
{
    *object = memcmp(iid, EVENT_LIST_IID, 16) == 0 ? self : NULL;
    return *object != NULL ? CONTINUO_VST3_OK : CONTINUO_VST3_NO_INTERFACE;
}

static uint32_t list_references(void *self)
{
    (void)self;
    return 1;
}

static int32_t list_count(void *self)
{
    return ((event_list *)self)->count;
}

static continuo_vst3_result list_get(void *self, int32_t index, continuo_vst3_event *event)
{
    event_list *list = self;
    if (index < 0 || index >= list->count) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    *event = list->events[index];
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result list_add(void *self, continuo_vst3_event *event)
{
    event_list *list = self;
    if (list->count == VST3_HOST_LIST_EVENTS) {
        return CONTINUO_VST3_FALSE;
    }
    list->events[list->count++] = *event;
    return CONTINUO_VST3_OK;
}

static const continuo_vst3_event_list_vtable list_vtable = {
    list_query, list_references, list_references, list_count, list_get, list_add,
};

factory *vst3_host_factory(void)
{
    factory *plugins = (factory *)GetPluginFactory();
    void *object = NULL;
    CHECK(plugins->vtable->query_interface(plugins, FACTORY3_IID, &object) == CONTINUO_VST3_OK && object == plugins);
    return plugins;
}

void vst3_host_open(host *plugin, double sample_rate)
{
    factory *plugins = vst3_host_factory();
    continuo_vst3_class_info info;
    plugins->vtable->get_class_info(plugins, 0, &info);
    void *object = NULL;
    CHECK(plugins->vtable->create_instance(plugins, info.cid, COMPONENT_IID, &object) == CONTINUO_VST3_OK);
    plugin->component = object;
    CHECK(plugin->component->vtable->initialize(plugin->component, NULL) == CONTINUO_VST3_OK);
    CHECK(plugin->component->vtable->query_interface(plugin->component, AUDIO_PROCESSOR_IID, &object)
          == CONTINUO_VST3_OK);
    plugin->processor = object;
    continuo_vst3_process_setup setup = {0, CONTINUO_VST3_SAMPLE32, 4096, sample_rate};
    CHECK(plugin->processor->vtable->setup_processing(plugin->processor, &setup) == CONTINUO_VST3_OK);
    CHECK(plugin->component->vtable->set_active(plugin->component, 1) == CONTINUO_VST3_OK);
    CHECK(plugin->processor->vtable->set_processing(plugin->processor, 1) == CONTINUO_VST3_OK);
    plugin->in.vtable = &list_vtable;
    plugin->out.vtable = &list_vtable;
    plugin->context.sample_rate = sample_rate;
    plugin->context.tempo = 120.0;
    plugin->context.time_sig_numerator = 4;
    plugin->context.time_sig_denominator = 4;
}

void vst3_host_process(host *plugin)
{
    continuo_vst3_process_data data = {0};
    data.symbolic_sample_size = CONTINUO_VST3_SAMPLE32;
    data.sample_count = 256;
    data.input_events = (continuo_vst3_event_list *)&plugin->in;
    data.output_events = (continuo_vst3_event_list *)&plugin->out;
    data.context = &plugin->context;
    plugin->out.count = 0;
    CHECK(plugin->processor->vtable->process(plugin->processor, &data) == CONTINUO_VST3_OK);
    plugin->in.count = 0;
}

void vst3_host_close(host *plugin)
{
    plugin->processor->vtable->set_processing(plugin->processor, 0);
    plugin->component->vtable->set_active(plugin->component, 0);
    plugin->component->vtable->terminate(plugin->component);
    CHECK_EQ(plugin->processor->vtable->release(plugin->processor), 1);
    CHECK_EQ(plugin->component->vtable->release(plugin->component), 0);
}

void vst3_host_add_note(host *plugin, int32_t offset, uint16_t type, int16_t pitch, float velocity)
{
    continuo_vst3_event *event = &plugin->in.events[plugin->in.count++];
    memset(event, 0, sizeof *event);
    event->sample_offset = offset;
    event->type = type;
    if (type == CONTINUO_VST3_NOTE_ON) {
        event->note_on = (continuo_vst3_note_on){0, pitch, 0.0f, velocity, 0, -1};
    } else {
        event->note_off = (continuo_vst3_note_off){0, pitch, velocity, -1, 0.0f};
    }
}
