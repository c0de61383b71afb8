/*
 * The CLAP shim's params and state extensions through our test host: the parameter table, values as text and
 * back, changes in flush, and the state written and read back in small pieces, refused whole when cut short or
 * when the stream fails, with the host asked to rescan the values after a restore.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "clap_abi.h"
#include "clap_host.h"
#include "continuo_link.h"
#include "test_runner.h"

extern const continuo_clap_entry clap_entry;

/* A host's parameter changes for flush: one event list of PARAM_VALUE events. */
typedef struct param_changes {
    continuo_clap_event_param_value events[4];
    uint32_t count;
} param_changes;

static uint32_t changes_size(const continuo_clap_input_events *list)
{
    return ((const param_changes *)list->ctx)->count;
}

static const continuo_clap_event_header *changes_get(const continuo_clap_input_events *list, uint32_t index)
{
    return &((const param_changes *)list->ctx)->events[index].header;
}

static void add_change(param_changes *changes, uint32_t id, double value)
{
    continuo_clap_event_param_value *event = &changes->events[changes->count++];
    memset(event, 0, sizeof *event);
    event->header.size = sizeof *event;
    event->header.type = CONTINUO_CLAP_EVENT_PARAM_VALUE;
    event->param_id = id;
    event->note_id = -1;
    event->port_index = -1;
    event->channel = -1;
    event->key = -1;
    event->value = value;
}

/* A project file: written and read back in small pieces, as a host's stream may hand them. */
typedef struct project_bytes {
    unsigned char data[8192];
    size_t size;
    size_t read;
    int fail;
} project_bytes;

static int64_t project_write(const continuo_clap_ostream *stream, const void *buffer, uint64_t size)
{
    project_bytes *project = stream->ctx;
    size_t step = size < 7 ? (size_t)size : 7;
    if (project->size + step > sizeof project->data) {
        return -1;
    }
    memcpy(project->data + project->size, buffer, step);
    project->size += step;
    return (int64_t)step;
}

static int64_t project_read(const continuo_clap_istream *stream, void *buffer, uint64_t size)
{
    project_bytes *project = stream->ctx;
    if (project->fail && project->read > 0) {
        return -1;
    }
    size_t left = project->size - project->read;
    size_t step = left < 5 ? left : 5;
    step = step < size ? step : (size_t)size;
    memcpy(buffer, project->data + project->read, step);
    project->read += step;
    return (int64_t)step;
}

static int rescans;

static void count_rescan(const continuo_clap_host *host, uint32_t flags)
{
    (void)host;
    rescans += flags == CONTINUO_CLAP_PARAM_RESCAN_VALUES;
}

static const continuo_clap_host_params HOST_PARAMS = {count_rescan, NULL, NULL};

static const void *host_extension(const continuo_clap_host *host, const char *id)
{
    (void)host;
    return strcmp(id, CONTINUO_CLAP_EXT_PARAMS) == 0 ? &HOST_PARAMS : NULL;
}

static void parameters_and_state_through_the_extensions(void)
{
    clap_host_plugin plugin;
    static clap_host_instance first, second;
    static project_bytes project;
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    CHECK(clap_host_use(&plugin, &clap_entry, "/tmp") == NULL);
    CHECK(clap_host_instantiate(&plugin, &first, 48000.0, 1, 4096) == NULL);
    CHECK(clap_host_instantiate(&plugin, &second, 48000.0, 1, 4096) == NULL);
    const continuo_clap_plugin_params *params = first.plugin->get_extension(first.plugin, CONTINUO_CLAP_EXT_PARAMS);
    const continuo_clap_plugin_state *state = first.plugin->get_extension(first.plugin, CONTINUO_CLAP_EXT_STATE);
    CHECK(params != NULL && state != NULL);
    CHECK_EQ(params->count(first.plugin), CONTINUO_LINK_PARAMS);
    static continuo_clap_param_info info;
    CHECK(params->get_info(first.plugin, CONTINUO_LINK_PARAM_VELOCITY_1 + 1, &info));
    CHECK(info.id == CONTINUO_LINK_PARAM_VELOCITY_1 + 1 && strcmp(info.name, "Velocity part 2") == 0);
    CHECK(info.min_value == 10 && info.max_value == 200 && info.default_value == 100);
    CHECK(info.flags == (CONTINUO_CLAP_PARAM_IS_AUTOMATABLE | CONTINUO_CLAP_PARAM_IS_STEPPED));
    CHECK(!params->get_info(first.plugin, CONTINUO_LINK_PARAMS, &info));
    char text[64];
    CHECK(params->value_to_text(first.plugin, CONTINUO_LINK_PARAM_THRU, 1.0, text, sizeof text)
          && strcmp(text, "on") == 0);
    CHECK(params->value_to_text(first.plugin, CONTINUO_LINK_PARAM_PRESET, 0.0, text, sizeof text)
          && strcmp(text, "engine default") == 0);
    CHECK(params->value_to_text(first.plugin, CONTINUO_LINK_PARAM_VELOCITY_1, 150.0, text, sizeof text)
          && strcmp(text, "150 %") == 0);
    double value = 0;
    CHECK(params->text_to_value(first.plugin, CONTINUO_LINK_PARAM_DENSITY, "0.25", &value) && value == 0.25);
    CHECK(params->text_to_value(first.plugin, CONTINUO_LINK_PARAM_OCTAVE_1, "9 oct", &value) && value == 3.0);
    CHECK(!params->text_to_value(first.plugin, CONTINUO_LINK_PARAM_SEED, "many", &value));

    param_changes changes = {0};
    add_change(&changes, CONTINUO_LINK_PARAM_SEED, 1234.0);
    add_change(&changes, CONTINUO_LINK_PARAM_DENSITY, 0.75);
    add_change(&changes, CONTINUO_LINK_PARAMS + 3, 1.0); /* no such parameter: ignored */
    continuo_clap_input_events in = {&changes, changes_size, changes_get};
    params->flush(first.plugin, &in, NULL);
    CHECK(params->get_value(first.plugin, CONTINUO_LINK_PARAM_SEED, &value) && value == 1234.0);
    CHECK(params->get_value(first.plugin, CONTINUO_LINK_PARAM_DENSITY, &value) && value == 0.75);

    continuo_clap_ostream out = {&project, project_write};
    CHECK(state->save(first.plugin, &out));
    continuo_clap_istream read = {&project, project_read};
    second.host.get_extension = host_extension;
    project.fail = 1; /* a stream that fails midway: refused, nothing changes */
    CHECK(!state->load(second.plugin, &read));
    CHECK(params->get_value(second.plugin, CONTINUO_LINK_PARAM_SEED, &value) && value == 0.0);
    project.fail = 0;
    project.read = 0;
    project.size -= 1; /* a truncated project: refused */
    CHECK(!state->load(second.plugin, &read));
    project.size += 1;
    project.read = 0;
    CHECK(state->load(second.plugin, &read));
    CHECK(params->get_value(second.plugin, CONTINUO_LINK_PARAM_SEED, &value) && value == 1234.0);
    CHECK(params->get_value(second.plugin, CONTINUO_LINK_PARAM_DENSITY, &value) && value == 0.75);
    CHECK_EQ(rescans, 1); /* the host is told to read the values again */
    clap_host_release(&first);
    clap_host_release(&second);
    clap_host_unload(&plugin);
    unsetenv("CONTINUO_SOCKET");
}

void clap_params_tests(void)
{
    run_test("clap: parameters and state through the extensions", parameters_and_state_through_the_extensions);
}
