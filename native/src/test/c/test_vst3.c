/*
 * The VST3 shim through its module entry points, as a host drives it: factory and class infos, interfaces, buses,
 * note events in and out, the process context to the core's transport, deactivation ending every note.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "engine_side.h"
#include "fake_engine.h"
#include "params.h"
#include "state.h"
#include "test_runner.h"
#include "vst3_abi.h"
#include "vst3_host.h"

static const continuo_vst3_tuid FACTORY3_IID = CONTINUO_VST3_FACTORY3_IID;
static const continuo_vst3_tuid COMPONENT_IID = CONTINUO_VST3_COMPONENT_IID;
static const continuo_vst3_tuid AUDIO_PROCESSOR_IID = CONTINUO_VST3_AUDIO_PROCESSOR_IID;
static const continuo_vst3_tuid EDIT_CONTROLLER_IID = CONTINUO_VST3_EDIT_CONTROLLER_IID;
static const continuo_vst3_tuid EVENT_LIST_IID = CONTINUO_VST3_EVENT_LIST_IID;

/* As hosts turn a VST3 velocity back into MIDI (Ardour: truncation of velocity x 127). */
static int truncated_velocity(float velocity)
{
    return (int)(velocity * 127.0f) & 0x7F;
}

static void the_factory_describes_one_midi_effect_class(void)
{
    CHECK(ModuleEntry(NULL));
    factory *plugins = vst3_host_factory();
    continuo_vst3_factory_info about;
    CHECK(plugins->vtable->get_factory_info(plugins, &about) == CONTINUO_VST3_OK);
    CHECK(strcmp(about.vendor, "Continuo") == 0 && (about.flags & CONTINUO_VST3_FACTORY_UNICODE) != 0);
    CHECK_EQ(plugins->vtable->count_classes(plugins), 1);
    continuo_vst3_class_info2 info;
    CHECK(plugins->vtable->get_class_info2(plugins, 0, &info) == CONTINUO_VST3_OK);
    CHECK(strcmp(info.category, "Audio Module Class") == 0 && strcmp(info.name, "Continuo") == 0);
    CHECK(strstr(info.sub_categories, "Instrument") != NULL && info.cardinality == CONTINUO_VST3_MANY_INSTANCES);
    continuo_vst3_class_info_w wide;
    CHECK(plugins->vtable->get_class_info_unicode(plugins, 0, &wide) == CONTINUO_VST3_OK);
    CHECK(wide.name[0] == 'C' && wide.name[7] == 'o' && wide.name[8] == 0 && memcmp(wide.cid, info.cid, 16) == 0);
    CHECK(plugins->vtable->get_class_info2(plugins, 1, &info) != CONTINUO_VST3_OK);

    void *object = (void *)1;
    continuo_vst3_tuid other = {1};
    CHECK(plugins->vtable->create_instance(plugins, other, COMPONENT_IID, &object) != CONTINUO_VST3_OK);
    CHECK(object == NULL);
    CHECK(plugins->vtable->create_instance(plugins, info.cid, EVENT_LIST_IID, &object) == CONTINUO_VST3_NO_INTERFACE);
    CHECK(plugins->vtable->create_instance(plugins, info.cid, COMPONENT_IID, &object) == CONTINUO_VST3_OK);
    component *plugin = object;
    void *edit = NULL;
    CHECK(plugin->vtable->query_interface(plugin, EDIT_CONTROLLER_IID, &edit) == CONTINUO_VST3_OK);
    CHECK_EQ(((controller *)edit)->vtable->get_parameter_count(edit), CONTINUO_LINK_PARAMS);
    CHECK(((controller *)edit)->vtable->set_component_handler(edit, NULL) == CONTINUO_VST3_OK);
    CHECK_EQ(plugin->vtable->get_bus_count(plugin, CONTINUO_VST3_EVENT, CONTINUO_VST3_INPUT), 1);
    CHECK_EQ(plugin->vtable->get_bus_count(plugin, CONTINUO_VST3_EVENT, CONTINUO_VST3_OUTPUT), 1);
    CHECK_EQ(plugin->vtable->get_bus_count(plugin, CONTINUO_VST3_AUDIO, CONTINUO_VST3_OUTPUT), 0);
    continuo_vst3_bus_info bus;
    CHECK(plugin->vtable->get_bus_info(plugin, CONTINUO_VST3_EVENT, CONTINUO_VST3_OUTPUT, 0, &bus)
          == CONTINUO_VST3_TRUE);
    CHECK(bus.media_type == CONTINUO_VST3_EVENT && bus.direction == CONTINUO_VST3_OUTPUT && bus.bus_type == 0);
    CHECK(bus.channel_count == 16 && bus.name[0] == 'A' && (bus.flags & CONTINUO_VST3_BUS_DEFAULT_ACTIVE) != 0);
    CHECK(plugin->vtable->get_bus_info(plugin, CONTINUO_VST3_AUDIO, CONTINUO_VST3_INPUT, 0, &bus)
          != CONTINUO_VST3_TRUE);
    processor *audio = NULL;
    CHECK(plugin->vtable->query_interface(plugin, AUDIO_PROCESSOR_IID, (void **)&audio) == CONTINUO_VST3_OK);
    continuo_vst3_speaker_arrangement stereo = 3;
    CHECK(audio->vtable->set_bus_arrangements(audio, NULL, 0, NULL, 0) == CONTINUO_VST3_TRUE);
    CHECK(audio->vtable->set_bus_arrangements(audio, &stereo, 1, &stereo, 1) == CONTINUO_VST3_FALSE);
    CHECK(plugin->vtable->query_interface(plugin, FACTORY3_IID, &object) == CONTINUO_VST3_NO_INTERFACE);
    CHECK_EQ(audio->vtable->release(audio), 2);
    CHECK_EQ(((controller *)edit)->vtable->release(edit), 1);
    CHECK_EQ(plugin->vtable->release(plugin), 0); /* never activated: no core, no session was opened */
    CHECK(ModuleExit());
}

static void without_an_engine_the_melody_comes_out_unchanged(void)
{
    static host plugin;
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    vst3_host_open(&plugin, 48000.0);
    vst3_host_add_note(&plugin, 10, CONTINUO_VST3_NOTE_ON, 67, 99 / 127.0f);
    vst3_host_add_note(&plugin, 300, CONTINUO_VST3_NOTE_OFF, 67, 0.0f); /* past the block: its last frame */
    allocations_reset();
    vst3_host_process(&plugin);
    CHECK_EQ(allocations_counted(), 0);
    CHECK_EQ(plugin.out.count, 2);
    const continuo_vst3_event *on = &plugin.out.events[0];
    CHECK(on->type == CONTINUO_VST3_NOTE_ON && on->sample_offset == 10 && on->bus_index == 0);
    CHECK(on->note_on.channel == 0 && on->note_on.pitch == 67 && truncated_velocity(on->note_on.velocity) == 99);
    CHECK(plugin.out.events[1].type == CONTINUO_VST3_NOTE_OFF && plugin.out.events[1].sample_offset == 255);
    vst3_host_close(&plugin);
    unsetenv("CONTINUO_SOCKET");
}

/* Stopped blocks until the first reaches the engine: the link is up. */
static int await_link(host *plugin, fake_engine *engine)
{
    continuo_link_record block;
    for (int waited = 0; waited < 3000; waited += 10) {
        if (atomic_load(&engine->opens) > 0) {
            vst3_host_process(plugin);
            if (engine_side_next_block(&engine->links[0], &block)) {
                return 1;
            }
        }
        test_sleep_ms(10);
    }
    return 0;
}

static void push_phrase(continuo_link *link)
{
    continuo_link_record phrase[] = {
        {.kind = CONTINUO_LINK_PHRASE_BEGIN, .frames = 1, .rate = 1, .beat = 8.0, .value = 8.0},
        {.kind = CONTINUO_LINK_PHRASE_PROGRAM, .a = 2, .b = 19},
        {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = 2, .b = 55, .c = 70, .beat = 0.0, .value = 1.0},
        {.kind = CONTINUO_LINK_PHRASE_COMMIT, .frames = 1},
    };
    for (int i = 0; i < 4; i++) {
        continuo_ring_push(&link->to_plugin, &phrase[i]);
    }
}

static void the_process_context_becomes_the_transport_and_phrases_come_out_as_notes(void)
{
    static fake_engine engine;
    static host plugin;
    CHECK(fake_engine_start(&engine));
    vst3_host_open(&plugin, 48000.0);
    CHECK(await_link(&plugin, &engine));
    CHECK(strstr(engine.last_open, "vst3") != NULL);
    continuo_link *link = &engine.links[0];
    continuo_link_record block = {0};
    const double block_beats = 256 / 24000.0;

    plugin.context.state = CONTINUO_VST3_PLAYING | CONTINUO_VST3_PROJECT_TIME_MUSIC_VALID | CONTINUO_VST3_TEMPO_VALID
                           | CONTINUO_VST3_TIME_SIG_VALID;
    plugin.context.project_time_music = 4.0;
    vst3_host_add_note(&plugin, 20, CONTINUO_VST3_NOTE_ON, 72, 90 / 127.0f);
    vst3_host_process(&plugin);
    CHECK(engine_side_next_block(link, &block) && block.beat == 4.0 && block.value == 120.0 && block.rate == 48000);
    CHECK(block.flags == (CONTINUO_LINK_ROLLING | CONTINUO_LINK_POSITION) && block.a == 4 && block.b == 4);
    continuo_link_record note;
    CHECK(continuo_ring_pop(&link->to_engine, &note) && note.kind == CONTINUO_LINK_NOTE);
    CHECK(note.a == 0x90 && note.b == 72 && note.c == 90 && note.frames == 20);
    for (int32_t i = 0; i < plugin.out.count; i++) { /* no accompaniment yet: at most the melody passes through */
        CHECK(plugin.out.events[i].type == CONTINUO_VST3_NOTE_ON && plugin.out.events[i].note_on.pitch == 72);
    }

    plugin.context.state &= ~CONTINUO_VST3_PROJECT_TIME_MUSIC_VALID;
    vst3_host_process(&plugin); /* no position: extrapolated */
    CHECK(engine_side_next_block(link, &block) && block.flags == CONTINUO_LINK_ROLLING && block.beat == 4.0 + block_beats);
    plugin.context.state |= CONTINUO_VST3_PROJECT_TIME_MUSIC_VALID;
    plugin.context.project_time_music = 4.0 + 2 * block_beats;
    vst3_host_process(&plugin); /* the host agrees with the extrapolation: no jump */
    CHECK(engine_side_next_block(link, &block) && block.flags == (CONTINUO_LINK_ROLLING | CONTINUO_LINK_POSITION));
    plugin.context.project_time_music = 4.0 + 3 * block_beats + 1 / 4000.0;
    vst3_host_process(&plugin); /* a position rounded to the host's ticks: the exact extrapolation stays */
    CHECK(engine_side_next_block(link, &block) && (block.flags & CONTINUO_LINK_JUMPED) == 0);
    CHECK(block.beat > 4.0 + 3 * block_beats - 1e-9 && block.beat < 4.0 + 3 * block_beats + 1e-9);
    plugin.context.time_sig_numerator = 6;
    plugin.context.time_sig_denominator = 8;
    plugin.context.tempo = 90.0;
    plugin.context.project_time_music = 0.0;
    vst3_host_process(&plugin); /* a loop back to the start, now in 6/8 at 90 quarter notes a minute */
    CHECK(engine_side_next_block(link, &block) && block.beat == 0.0 && (block.flags & CONTINUO_LINK_JUMPED) != 0);
    CHECK(block.a == 6 && block.b == 8 && block.value == 90.0);

    plugin.context.tempo = 120.0;
    push_phrase(link);
    plugin.context.project_time_music = 8.0 - 100 / 24000.0;
    allocations_reset();
    vst3_host_process(&plugin); /* jumped to 100 frames before the phrase at quarter 8 */
    CHECK_EQ(allocations_counted(), 0);
    CHECK_EQ(plugin.out.count, 2);
    const continuo_vst3_event *program = &plugin.out.events[0];
    CHECK(program->type == CONTINUO_VST3_LEGACY_MIDI_CC_OUT && program->sample_offset == 100);
    CHECK(program->midi_cc_out.control_number == CONTINUO_VST3_CTRL_PROGRAM_CHANGE);
    CHECK(program->midi_cc_out.channel == 2 && program->midi_cc_out.value == 19);
    const continuo_vst3_event *on = &plugin.out.events[1];
    CHECK(on->type == CONTINUO_VST3_NOTE_ON && on->sample_offset == 100 && on->note_on.channel == 2);
    CHECK(on->note_on.pitch == 55 && truncated_velocity(on->note_on.velocity) == 70 && on->note_on.note_id == -1);
    CHECK(on->ppq_position > 8.0 - 1e-9 && on->ppq_position < 8.0 + 1e-9);

    CHECK(plugin.component->vtable->set_active(plugin.component, 0) == CONTINUO_VST3_OK);
    CHECK(plugin.component->vtable->set_active(plugin.component, 1) == CONTINUO_VST3_OK);
    plugin.context.project_time_music = 8.0 - 100 / 24000.0 + block_beats;
    vst3_host_process(&plugin); /* deactivated and activated again: the sounding note ends at once */
    int ended = 0;
    for (int32_t i = 0; i < plugin.out.count; i++) {
        const continuo_vst3_event *event = &plugin.out.events[i];
        ended |= event->type == CONTINUO_VST3_NOTE_OFF && event->sample_offset == 0 && event->note_off.pitch == 55
                 && event->note_off.channel == 2;
    }
    CHECK(ended);
    vst3_host_close(&plugin);
    for (int waited = 0; waited < 3000 && atomic_load(&engine.closes) == 0; waited += 10) {
        test_sleep_ms(10);
    }
    CHECK_EQ(atomic_load(&engine.closes), 1); /* terminate ends the session */
    fake_engine_stop(&engine);
}

/* A host's memory stream (IBStream) that moves at most 7 bytes a call, as a stream may. */
typedef struct memory_stream {
    const continuo_vst3_stream_vtable *vtable;
    unsigned char data[8192];
    int32_t size;
    int32_t at;
} memory_stream;

static continuo_vst3_result stream_query(void *self, const continuo_vst3_tuid iid, void **object)
{
    (void)iid;
    *object = self;
    return CONTINUO_VST3_OK;
}

static uint32_t stream_references(void *self)
{
    (void)self;
    return 1;
}

static continuo_vst3_result stream_read(void *self, void *buffer, int32_t bytes, int32_t *bytes_read)
{
    memory_stream *stream = self;
    int32_t step = stream->size - stream->at < bytes ? stream->size - stream->at : bytes;
    step = step > 7 ? 7 : step;
    memcpy(buffer, stream->data + stream->at, (size_t)step);
    stream->at += step;
    *bytes_read = step;
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result stream_write(void *self, void *buffer, int32_t bytes, int32_t *bytes_written)
{
    memory_stream *stream = self;
    int32_t step = bytes > 7 ? 7 : bytes;
    if (stream->size + step > (int32_t)sizeof stream->data) {
        return CONTINUO_VST3_FALSE;
    }
    memcpy(stream->data + stream->size, buffer, (size_t)step);
    stream->size += step;
    *bytes_written = step;
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result stream_seek(void *self, int64_t position, int32_t mode, int64_t *result)
{
    memory_stream *stream = self;
    (void)mode;
    stream->at = (int32_t)position;
    *result = position;
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result stream_tell(void *self, int64_t *position)
{
    *position = ((memory_stream *)self)->at;
    return CONTINUO_VST3_OK;
}

static const continuo_vst3_stream_vtable stream_vtable = {
    stream_query, stream_references, stream_references, stream_read, stream_write, stream_seek, stream_tell,
};

/* A host's parameter changes for one block: one queue with one point. */
typedef struct one_change {
    const continuo_vst3_parameter_changes_vtable *changes;
    const continuo_vst3_param_value_queue_vtable *queue;
    uint32_t id;
    double value;
} one_change;

static uint32_t change_id(void *self)
{
    return ((one_change *)((char *)self - offsetof(one_change, queue)))->id;
}

static int32_t one_point(void *self)
{
    (void)self;
    return 1;
}

static continuo_vst3_result change_point(void *self, int32_t index, int32_t *offset, double *value)
{
    *offset = 0;
    *value = ((one_change *)((char *)self - offsetof(one_change, queue)))->value;
    return index == 0 ? CONTINUO_VST3_OK : CONTINUO_VST3_INVALID_ARGUMENT;
}

static continuo_vst3_param_value_queue *change_queue(void *self, int32_t index)
{
    return index == 0 ? (continuo_vst3_param_value_queue *)&((one_change *)self)->queue : NULL;
}

static const continuo_vst3_param_value_queue_vtable queue_vtable = {
    stream_query, stream_references, stream_references, change_id, one_point, change_point, NULL,
};
static const continuo_vst3_parameter_changes_vtable changes_vtable = {
    stream_query, stream_references, stream_references, one_point, change_queue, NULL,
};

static double normalized(uint32_t id, double plain)
{
    const continuo_param_info *param = continuo_param_info_of(id);
    return (plain - param->min) / (param->max - param->min);
}

static void parameters_and_state_through_controller_and_component(void)
{
    static host first, second;
    static memory_stream saved;
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    factory *plugins = vst3_host_factory();
    continuo_vst3_class_info info;
    plugins->vtable->get_class_info(plugins, 0, &info);
    void *object = NULL;
    CHECK(plugins->vtable->create_instance(plugins, info.cid, COMPONENT_IID, &object) == CONTINUO_VST3_OK);
    component *fresh = object;
    saved.vtable = &stream_vtable;
    CHECK(fresh->vtable->get_state(fresh, (continuo_vst3_stream *)&saved) == CONTINUO_VST3_OK);
    continuo_state parsed;
    CHECK_EQ(continuo_state_read(saved.data, (size_t)saved.size, &parsed), CONTINUO_STATE_OK);
    CHECK(parsed.count == 1 && parsed.params[CONTINUO_LINK_PARAM_NOISE] == 1.0); /* not active: defaults only */
    free(parsed.records);
    CHECK_EQ(fresh->vtable->release(fresh), 0);

    vst3_host_open(&first, 48000.0);
    controller *edit = NULL;
    CHECK(first.component->vtable->query_interface(first.component, EDIT_CONTROLLER_IID, (void **)&edit)
          == CONTINUO_VST3_OK);
    continuo_vst3_parameter_info param;
    CHECK(edit->vtable->get_parameter_info(edit, CONTINUO_LINK_PARAM_VELOCITY_1 + 1, &param) == CONTINUO_VST3_OK);
    CHECK(param.id == CONTINUO_LINK_PARAM_VELOCITY_1 + 1 && param.step_count == 190 && param.title[0] == 'V');
    CHECK(param.default_normalized_value == normalized(param.id, 100) && param.units[0] == '%');
    CHECK(param.flags == CONTINUO_VST3_PARAM_CAN_AUTOMATE);
    CHECK(edit->vtable->get_parameter_info(edit, CONTINUO_LINK_PARAMS, &param) == CONTINUO_VST3_INVALID_ARGUMENT);
    continuo_vst3_char16 text[128];
    CHECK(edit->vtable->get_param_string_by_value(edit, CONTINUO_LINK_PARAM_THRU, 1.0, text) == CONTINUO_VST3_OK);
    CHECK(text[0] == 'o' && text[1] == 'n' && text[2] == 0);
    continuo_vst3_char16 typed[] = {'1', '5', '0', ' ', '%', 0};
    double value = 0;
    CHECK(edit->vtable->get_param_value_by_string(edit, CONTINUO_LINK_PARAM_VELOCITY_1, typed, &value)
          == CONTINUO_VST3_OK);
    CHECK(value == normalized(CONTINUO_LINK_PARAM_VELOCITY_1, 150));
    CHECK(edit->vtable->set_param_normalized(edit, CONTINUO_LINK_PARAM_SEED, normalized(CONTINUO_LINK_PARAM_SEED, 42))
          == CONTINUO_VST3_OK);
    CHECK(edit->vtable->normalized_param_to_plain(edit, CONTINUO_LINK_PARAM_SEED,
                                                  edit->vtable->get_param_normalized(edit, CONTINUO_LINK_PARAM_SEED))
          == 42.0);

    one_change change = {&changes_vtable, &queue_vtable, CONTINUO_LINK_PARAM_DENSITY, 0.75};
    continuo_vst3_process_data data = {0};
    data.sample_count = 256;
    data.input_parameter_changes = (continuo_vst3_parameter_changes *)&change;
    data.context = &first.context;
    CHECK(first.processor->vtable->process(first.processor, &data) == CONTINUO_VST3_OK); /* automation */
    CHECK(edit->vtable->get_param_normalized(edit, CONTINUO_LINK_PARAM_DENSITY) == 0.75);

    saved.size = 0;
    saved.at = 0;
    CHECK(first.component->vtable->get_state(first.component, (continuo_vst3_stream *)&saved) == CONTINUO_VST3_OK);
    vst3_host_open(&second, 48000.0);
    controller *other = NULL;
    CHECK(second.component->vtable->query_interface(second.component, EDIT_CONTROLLER_IID, (void **)&other)
          == CONTINUO_VST3_OK);
    saved.size -= 1; /* a project cut short: refused, nothing changes */
    CHECK(second.component->vtable->set_state(second.component, (continuo_vst3_stream *)&saved)
          == CONTINUO_VST3_FALSE);
    CHECK(other->vtable->get_param_normalized(other, CONTINUO_LINK_PARAM_DENSITY) == 0.5);
    saved.size += 1;
    saved.at = 0;
    CHECK(second.component->vtable->set_state(second.component, (continuo_vst3_stream *)&saved) == CONTINUO_VST3_OK);
    CHECK(other->vtable->get_param_normalized(other, CONTINUO_LINK_PARAM_DENSITY) == 0.75);
    CHECK(other->vtable->get_param_normalized(other, CONTINUO_LINK_PARAM_SEED)
          == normalized(CONTINUO_LINK_PARAM_SEED, 42));
    edit->vtable->release(edit);
    other->vtable->release(other);
    vst3_host_close(&first);
    vst3_host_close(&second);
    unsetenv("CONTINUO_SOCKET");
}

void vst3_tests(void)
{
    run_test("vst3: parameters and state, controller and component",
             parameters_and_state_through_controller_and_component);
    run_test("vst3: factory, class, interfaces, buses", the_factory_describes_one_midi_effect_class);
    run_test("vst3: no engine, melody through", without_an_engine_the_melody_comes_out_unchanged);
    run_test("vst3: process context, extrapolation, phrases out",
             the_process_context_becomes_the_transport_and_phrases_come_out_as_notes);
}
