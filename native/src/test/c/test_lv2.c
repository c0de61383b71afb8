/* The LV2 shim through its descriptor: atoms in and out, time:Position to the core's transport, extrapolation. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "engine_side.h"
#include "fake_engine.h"
#include "lv2_abi.h"
#include "params.h"
#include "state.h"
#include "test_runner.h"

const continuo_lv2_descriptor *lv2_descriptor(uint32_t index);

#define URIS 64
static const char *mapped[URIS];

static uint32_t map_uri(void *handle, const char *uri)
{
    (void)handle;
    for (uint32_t i = 0; i < URIS; i++) {
        if (mapped[i] == NULL) {
            mapped[i] = uri;
        }
        if (strcmp(mapped[i], uri) == 0) {
            return i + 1;
        }
    }
    return 0;
}

#define URI(name) map_uri(NULL, name)

/* An atom sequence under construction, in 8-byte aligned storage. */
typedef struct sequence {
    uint64_t storage[512];
} sequence;

static continuo_lv2_sequence *begin(sequence *buffer)
{
    continuo_lv2_sequence *head = (continuo_lv2_sequence *)buffer->storage;
    head->atom.type = URI(CONTINUO_LV2_ATOM "Sequence");
    head->atom.size = 8;
    head->unit = 0;
    head->pad = 0;
    return head;
}

static uint8_t *append(continuo_lv2_sequence *head, int64_t frame, uint32_t type, uint32_t size)
{
    continuo_lv2_event *event = (continuo_lv2_event *)((uint8_t *)head + sizeof head->atom + head->atom.size);
    event->frames = frame;
    event->body.type = type;
    event->body.size = size;
    head->atom.size += sizeof(continuo_lv2_event) + continuo_lv2_pad(size);
    return (uint8_t *)(event + 1);
}

static void add_midi(continuo_lv2_sequence *head, int64_t frame, uint8_t status, uint8_t pitch, uint8_t velocity)
{
    uint8_t *body = append(head, frame, URI(CONTINUO_LV2_MIDI_EVENT), 3);
    body[0] = status;
    body[1] = pitch;
    body[2] = velocity;
}

static uint8_t *add_property(uint8_t *at, const char *key, const char *type, const void *value, uint32_t size)
{
    continuo_lv2_property *property = (continuo_lv2_property *)at;
    property->key = URI(key);
    property->context = 0;
    property->value.type = URI(type);
    property->value.size = size;
    memcpy(property + 1, value, size);
    return at + sizeof *property + continuo_lv2_pad(size);
}

/* A time:Position as hosts send it: bar (Long), barBeat and the rest (Float), beatUnit (Int). */
static void add_position(continuo_lv2_sequence *head, int64_t frame, int64_t bar, float bar_beat, float beats_per_bar,
                         int32_t beat_unit, float bpm, float speed)
{
    uint8_t body[256];
    continuo_lv2_object *object = (continuo_lv2_object *)body;
    uint8_t *at = (uint8_t *)(object + 1);
    at = add_property(at, CONTINUO_LV2_TIME "bar", CONTINUO_LV2_ATOM "Long", &bar, 8);
    at = add_property(at, CONTINUO_LV2_TIME "barBeat", CONTINUO_LV2_ATOM "Float", &bar_beat, 4);
    at = add_property(at, CONTINUO_LV2_TIME "beatsPerBar", CONTINUO_LV2_ATOM "Float", &beats_per_bar, 4);
    at = add_property(at, CONTINUO_LV2_TIME "beatUnit", CONTINUO_LV2_ATOM "Int", &beat_unit, 4);
    at = add_property(at, CONTINUO_LV2_TIME "beatsPerMinute", CONTINUO_LV2_ATOM "Float", &bpm, 4);
    at = add_property(at, CONTINUO_LV2_TIME "speed", CONTINUO_LV2_ATOM "Float", &speed, 4);
    uint32_t size = (uint32_t)(at - body - sizeof object->atom);
    uint8_t *target = append(head, frame, URI(CONTINUO_LV2_ATOM "Object"), size);
    object->id = 0;
    object->otype = URI(CONTINUO_LV2_TIME "Position");
    memcpy(target, body + sizeof object->atom, size);
}

typedef struct shim {
    const continuo_lv2_descriptor *descriptor;
    void *handle;
    sequence in, out;
    continuo_lv2_sequence *input;
    continuo_lv2_sequence *output;
} shim;

static void shim_open(shim *plugin)
{
    static continuo_lv2_urid_map map = {NULL, map_uri};
    static const continuo_lv2_feature map_feature = {CONTINUO_LV2_URID_MAP, &map};
    const continuo_lv2_feature *features[] = {&map_feature, NULL};
    plugin->descriptor = lv2_descriptor(0);
    plugin->handle = plugin->descriptor->instantiate(plugin->descriptor, 48000.0, "/tmp", features);
    plugin->descriptor->connect_port(plugin->handle, 0, plugin->in.storage);
    plugin->descriptor->connect_port(plugin->handle, 1, plugin->out.storage);
    plugin->descriptor->activate(plugin->handle);
    plugin->input = begin(&plugin->in);
}

/* Runs one block of 256 frames with what was added to the input, then starts a fresh input. */
static void shim_run(shim *plugin)
{
    plugin->output = (continuo_lv2_sequence *)plugin->out.storage;
    plugin->output->atom.size = sizeof plugin->out.storage - sizeof(continuo_lv2_atom);
    plugin->descriptor->run(plugin->handle, 256);
    plugin->input = begin(&plugin->in);
}

static void shim_close(shim *plugin)
{
    plugin->descriptor->deactivate(plugin->handle);
    plugin->descriptor->cleanup(plugin->handle);
}

static const continuo_lv2_event *first_event(const continuo_lv2_sequence *head)
{
    return head->atom.size > 8 ? (const continuo_lv2_event *)(head + 1) : NULL;
}

static void an_instance_needs_urid_map(void)
{
    const continuo_lv2_feature *none[] = {NULL};
    const continuo_lv2_descriptor *descriptor = lv2_descriptor(0);
    CHECK(strcmp(descriptor->URI, "https://continuo.dev/lv2/continuo") == 0);
    CHECK(lv2_descriptor(1) == NULL);
    CHECK(descriptor->instantiate(descriptor, 48000.0, "/tmp", none) == NULL);
}

static void without_an_engine_the_melody_comes_out_unchanged(void)
{
    static shim plugin;
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    shim_open(&plugin);
    add_midi(plugin.input, 10, 0x90, 67, 99);
    shim_run(&plugin);
    const continuo_lv2_event *event = first_event(plugin.output);
    CHECK(plugin.output->atom.type == URI(CONTINUO_LV2_ATOM "Sequence"));
    CHECK(event != NULL && event->frames == 10 && event->body.type == URI(CONTINUO_LV2_MIDI_EVENT));
    CHECK(event != NULL && event->body.size == 3 && memcmp(event + 1, "\x90\x43\x63", 3) == 0);
    CHECK_EQ(plugin.output->atom.size, 8 + 16 + 8);
    shim_close(&plugin);
    unsetenv("CONTINUO_SOCKET");
}

static void time_position_becomes_the_transport_and_is_extrapolated(void)
{
    static fake_engine engine;
    static shim plugin;
    CHECK(fake_engine_start(&engine));
    shim_open(&plugin);
    for (int waited = 0; waited < 3000 && atomic_load(&engine.opens) == 0; waited += 10) {
        test_sleep_ms(10);
    }
    test_sleep_ms(100); /* the core publishes the link just after the answer */
    continuo_link *link = &engine.links[0];
    continuo_link_record block = {0};
    const double frame_beats = 256 / 24000.0;

    add_position(plugin.input, 0, 2, 1.0f, 4.0f, 4, 120.0f, 1.0f);
    shim_run(&plugin);
    CHECK(engine_side_next_block(link, &block) && block.beat == 9.0 && block.value == 120.0 && block.rate == 48000);
    CHECK(block.flags == (CONTINUO_LINK_ROLLING | CONTINUO_LINK_POSITION) && block.a == 4 && block.b == 4);
    shim_run(&plugin); /* no position: extrapolated */
    CHECK(engine_side_next_block(link, &block) && block.flags == CONTINUO_LINK_ROLLING && block.beat == 9.0 + frame_beats);
    add_position(plugin.input, 128, 2, (float)(1.0 + 2.5 * frame_beats), 4.0f, 4, 120.0f, 1.0f);
    shim_run(&plugin); /* a position mid-block that agrees: no jump */
    CHECK(engine_side_next_block(link, &block) && block.flags == (CONTINUO_LINK_ROLLING | CONTINUO_LINK_POSITION));
    CHECK(block.beat > 9.0 + 2 * frame_beats - 1e-6 && block.beat < 9.0 + 2 * frame_beats + 1e-6);
    add_position(plugin.input, 0, 2, (float)(1.0 + 3 * frame_beats + 1 / 4000.0), 4.0f, 4, 120.0f, 1.0f);
    shim_run(&plugin); /* a position rounded to the host's ticks (Ardour): the extrapolation stays */
    CHECK(engine_side_next_block(link, &block) && (block.flags & CONTINUO_LINK_JUMPED) == 0);
    CHECK(block.beat > 9.0 + 3 * frame_beats - 1e-9 && block.beat < 9.0 + 3 * frame_beats + 1e-9);
    add_position(plugin.input, 0, 0, 0.0f, 4.0f, 4, 120.0f, 1.0f);
    shim_run(&plugin); /* a loop back to the start */
    CHECK(engine_side_next_block(link, &block) && block.beat == 0.0 && (block.flags & CONTINUO_LINK_JUMPED) != 0);
    add_position(plugin.input, 0, 1, 3.0f, 6.0f, 8, 120.0f, 0.0f);
    shim_run(&plugin); /* 6/8, stopped: eighths become quarter notes, the tempo stays nominal */
    CHECK(engine_side_next_block(link, &block) && block.beat == 4.5 && block.value == 60.0 && block.flags == CONTINUO_LINK_POSITION);
    CHECK(block.a == 6 && block.b == 8);

    continuo_link_record phrase[] = {
        {.kind = CONTINUO_LINK_PHRASE_BEGIN, .frames = 1, .rate = 1, .beat = 6.0, .value = 6.0},
        {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = 2, .b = 55, .c = 70, .beat = 0.0, .value = 1.0},
        {.kind = CONTINUO_LINK_PHRASE_COMMIT, .frames = 1},
    };
    for (int i = 0; i < 3; i++) {
        continuo_ring_push(&link->to_plugin, &phrase[i]);
    }
    add_position(plugin.input, 0, 1, 0.0f, 6.0f, 8, 120.0f, 1.0f);
    add_midi(plugin.input, 5, 0x90, 67, 99);
    shim_run(&plugin); /* bar 1 = quarter 3: the phrase at quarter 6 is not yet due */
    const continuo_lv2_event *through = first_event(plugin.output); /* the phrase at quarter 6 is not yet due */
    CHECK(through != NULL && through->frames == 5 && memcmp(through + 1, "\x90\x43\x63", 3) == 0);
    add_position(plugin.input, 0, 2, (float)(-100 / 24000.0), 6.0f, 8, 120.0f, 1.0f);
    shim_run(&plugin); /* jumped to 100 frames before quarter 6 (eighth 12; 24000 frames an eighth) */
    const continuo_lv2_event *event = first_event(plugin.output);
    CHECK(event != NULL && event->frames == 100 && memcmp(event + 1, "\x92\x37\x46", 3) == 0);
    shim_close(&plugin);
    fake_engine_stop(&engine);
}

/* A host's state store: one property kept as given. */
typedef struct stored_property {
    uint32_t key, type, flags;
    unsigned char data[4096];
    size_t size;
} stored_property;

static int store_property(void *handle, uint32_t key, const void *value, size_t size, uint32_t type, uint32_t flags)
{
    stored_property *stored = handle;
    if (size > sizeof stored->data) {
        return CONTINUO_LV2_STATE_ERR_UNKNOWN;
    }
    stored->key = key;
    stored->type = type;
    stored->flags = flags;
    stored->size = size;
    memcpy(stored->data, value, size);
    return CONTINUO_LV2_STATE_SUCCESS;
}

static const void *retrieve_property(void *handle, uint32_t key, size_t *size, uint32_t *type, uint32_t *flags)
{
    stored_property *stored = handle;
    if (key != stored->key) {
        return NULL;
    }
    *size = stored->size;
    *type = stored->type;
    *flags = stored->flags;
    return stored->data;
}

static void control_ports_and_the_state_travel_with_the_project(void)
{
    static shim first, second;
    static stored_property saved, again;
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    shim_open(&first);
    const continuo_lv2_state_interface *state = first.descriptor->extension_data(CONTINUO_LV2_STATE_INTERFACE);
    CHECK(state != NULL && first.descriptor->extension_data("urn:nothing") == NULL);
    float seed = 42.0f, velocity = 150.0f, octave = -9.0f;
    first.descriptor->connect_port(first.handle, 2 + CONTINUO_LINK_PARAM_SEED, &seed);
    first.descriptor->connect_port(first.handle, 2 + CONTINUO_LINK_PARAM_VELOCITY_1 + 1, &velocity);
    first.descriptor->connect_port(first.handle, 2 + CONTINUO_LINK_PARAM_OCTAVE_1, &octave);
    shim_run(&first); /* the control ports are read in run */
    CHECK_EQ(state->save(first.handle, store_property, &saved, 0, NULL), CONTINUO_LV2_STATE_SUCCESS);
    CHECK(saved.key == URI("https://continuo.dev/lv2/continuo#state") && saved.type == URI(CONTINUO_LV2_ATOM "Chunk"));
    CHECK(saved.flags == (CONTINUO_LV2_STATE_IS_POD | CONTINUO_LV2_STATE_IS_PORTABLE));
    continuo_state parsed;
    CHECK_EQ(continuo_state_read(saved.data, saved.size, &parsed), CONTINUO_STATE_OK);
    CHECK(parsed.params[CONTINUO_LINK_PARAM_SEED] == 42.0);
    CHECK(parsed.params[CONTINUO_LINK_PARAM_VELOCITY_1 + 1] == 150.0);
    CHECK(parsed.params[CONTINUO_LINK_PARAM_OCTAVE_1] == -3.0); /* brought into range */
    free(parsed.records);

    shim_open(&second);
    CHECK_EQ(state->restore(second.handle, retrieve_property, &saved, 0, NULL), CONTINUO_LV2_STATE_SUCCESS);
    CHECK_EQ(state->save(second.handle, store_property, &again, 0, NULL), CONTINUO_LV2_STATE_SUCCESS);
    CHECK(again.size == saved.size && memcmp(again.data, saved.data, saved.size) == 0);
    saved.type = URI(CONTINUO_LV2_ATOM "Int");
    CHECK_EQ(state->restore(second.handle, retrieve_property, &saved, 0, NULL), CONTINUO_LV2_STATE_ERR_BAD_TYPE);
    saved.type = URI(CONTINUO_LV2_ATOM "Chunk");
    saved.data[CONTINUO_STATE_HEADER_BYTES] = 99; /* the first record's kind: damaged */
    CHECK_EQ(state->restore(second.handle, retrieve_property, &saved, 0, NULL), CONTINUO_LV2_STATE_ERR_UNKNOWN);
    saved.key = URI("urn:another");
    CHECK_EQ(state->restore(second.handle, retrieve_property, &saved, 0, NULL), CONTINUO_LV2_STATE_ERR_NO_PROPERTY);
    CHECK_EQ(state->save(second.handle, store_property, &again, 0, NULL), CONTINUO_LV2_STATE_SUCCESS);
    CHECK(again.size == saved.size); /* the refused states changed nothing */
    shim_close(&first);
    shim_close(&second);
    unsetenv("CONTINUO_SOCKET");
}

void lv2_tests(void)
{
    run_test("lv2: control ports and state, saved and restored", control_ports_and_the_state_travel_with_the_project);
    run_test("lv2: the descriptor needs urid:map", an_instance_needs_urid_map);
    run_test("lv2: no engine, melody through", without_an_engine_the_melody_comes_out_unchanged);
    run_test("lv2: time:Position, extrapolation, phrases out",
             time_position_becomes_the_transport_and_is_extrapolated);
}
