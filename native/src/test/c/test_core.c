/* The shared core: the control answer's scanner, the socket path, pass-through, and a session with a fake engine. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control.h"
#include "engine_side.h"
#include "fake_engine.h"
#include "plugin_core.h"
#include "test_runner.h"

static void the_open_answer_yields_session_and_link(void)
{
    continuo_open_reply reply;
    CHECK(continuo_parse_open_reply("{\"ok\":true,\"session\":\"3\",\"link\":\"/run/user/1000/continuo/plugin-3.link\"}",
                                    &reply));
    CHECK(strcmp(reply.session, "3") == 0 && strcmp(reply.link, "/run/user/1000/continuo/plugin-3.link") == 0);
    CHECK(continuo_parse_open_reply("{\"session\": 12, \"link\": \"\\/tmp\\/a \\\"b\\\".link\", \"ok\": true}", &reply));
    CHECK(strcmp(reply.session, "12") == 0 && strcmp(reply.link, "/tmp/a \"b\".link") == 0);
    CHECK(!continuo_parse_open_reply("{\"error\":\"no engine\",\"ok\":false}", &reply));
    CHECK(!continuo_parse_open_reply("{\"ok\":true,\"session\":\"3\"}", &reply));
    CHECK(!continuo_parse_open_reply("{\"ok\":true,\"session\":\"3\",\"link\":\"/unterminated", &reply));
    CHECK(!continuo_parse_open_reply("", &reply));
}

static void the_socket_path_follows_the_engine(void)
{
    char path[256];
    setenv("CONTINUO_SOCKET", "/somewhere/ctl.sock", 1);
    CHECK(continuo_control_socket_path(path, sizeof path) && strcmp(path, "/somewhere/ctl.sock") == 0);
    unsetenv("CONTINUO_SOCKET");
    setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
    CHECK(continuo_control_socket_path(path, sizeof path) && strcmp(path, "/run/user/1000/continuo/ctl.sock") == 0);
    unsetenv("XDG_RUNTIME_DIR");
    setenv("USER", "ada", 1);
    CHECK(continuo_control_socket_path(path, sizeof path) && strcmp(path, "/tmp/continuo-ada/ctl.sock") == 0);
    CHECK(!continuo_control_socket_path(path, 8));
}

static continuo_transport rolling_block(double beat)
{
    continuo_transport block = {0};
    block.rolling = 1;
    block.position = 1;
    block.beat = beat;
    block.tempo_bpm = 120.0;
    block.sample_rate = 48000.0;
    block.frames = 256;
    block.beats_per_bar = 4;
    block.beat_unit = 4;
    return block;
}

static const continuo_midi_event MELODY[] = {{10, 3, {0x90, 72, 90}}, {200, 3, {0x80, 72, 0}}};

static void without_an_engine_the_melody_passes_through(void)
{
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    continuo_core *core = continuo_core_create("test");
    continuo_midi_event buffer[64];
    long allocations = 0;
    for (int i = 0; i < 50; i++) {
        continuo_midi_output output = {buffer, 64, 0, 0};
        continuo_transport block = rolling_block(i * 256 / 24000.0);
        allocations_reset();
        continuo_core_process(core, &block, MELODY, 2, &output);
        allocations += allocations_counted();
        CHECK_EQ(output.count, 2);
        CHECK(buffer[0].offset_frames == 10 && buffer[0].bytes[1] == 72 && buffer[1].bytes[0] == 0x80);
    }
    CHECK_EQ(allocations, 0);
    CHECK(!continuo_core_connected(core));
    continuo_core_destroy(core);
    unsetenv("CONTINUO_SOCKET");
}

static int wait_for_opens(continuo_core *core, fake_engine *engine, int opens, int max_ms)
{
    continuo_midi_event buffer[64];
    for (int waited = 0; waited < max_ms; waited += 5) {
        if (atomic_load(&engine->opens) >= opens && continuo_core_connected(core)) {
            return 1;
        }
        continuo_midi_output output = {buffer, 64, 0, 0};
        continuo_transport block = rolling_block(0.0);
        continuo_core_process(core, &block, NULL, 0, &output); /* blocks keep running while links switch */
        test_sleep_ms(5);
    }
    return 0;
}

static void send_engine_phrase(continuo_link *engine_side)
{
    continuo_link_record begin = {.kind = CONTINUO_LINK_PHRASE_BEGIN, .frames = 0, .rate = 1, .beat = 0.0,
                                  .value = 4.0};
    continuo_link_record note = {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = 1, .b = 48, .c = 80, .beat = 1.0,
                                 .value = 2.0};
    continuo_link_record commit = {.kind = CONTINUO_LINK_PHRASE_COMMIT, .frames = 0};
    continuo_ring_push(&engine_side->to_plugin, &begin);
    continuo_ring_push(&engine_side->to_plugin, &note);
    continuo_ring_push(&engine_side->to_plugin, &commit);
}

static void a_session_sends_blocks_plays_phrases_and_reconnects(void)
{
    static fake_engine engine;
    CHECK(fake_engine_start(&engine));
    continuo_core *core = continuo_core_create("test one");
    CHECK(wait_for_opens(core, &engine, 1, 3000));
    CHECK(strcmp(engine.last_open, "plugin-open test-one") == 0);
    continuo_link *first = &engine.links[0];
    engine_side_drain(first);
    send_engine_phrase(first);

    continuo_midi_event buffer[64];
    continuo_midi_output output = {buffer, 64, 0, 0};
    continuo_transport block = rolling_block(1.0 - 100 / 24000.0); /* the phrase's note starts at frame 100 */
    uint64_t beats_before = continuo_link_plugin_beat(first);
    allocations_reset();
    continuo_core_process(core, &block, MELODY, 2, &output);
    CHECK_EQ(allocations_counted(), 0);
    CHECK_EQ(continuo_link_plugin_beat(first), beats_before + 1);
    CHECK_EQ(output.count, 3); /* the melody through (at frames 10 and 200), the accompaniment at 100 */
    CHECK(buffer[1].offset_frames == 100 && buffer[1].bytes[0] == 0x91 && buffer[1].bytes[1] == 48);

    continuo_link_record record;
    CHECK(continuo_ring_pop(&first->to_engine, &record));
    CHECK(record.kind == CONTINUO_LINK_BLOCK && record.flags == (CONTINUO_LINK_ROLLING | CONTINUO_LINK_POSITION));
    CHECK(record.frames == 256 && record.rate == 48000 && record.value == 120.0 && record.a == 4 && record.b == 4);
    CHECK(record.beat == block.beat);
    CHECK(continuo_ring_pop(&first->to_engine, &record));
    CHECK(record.kind == CONTINUO_LINK_NOTE && record.a == 0x90 && record.b == 72 && record.c == 90);
    CHECK(record.frames == 10 && record.beat == block.beat + 10 / 24000.0);
    CHECK(continuo_ring_pop(&first->to_engine, &record) && record.kind == CONTINUO_LINK_NOTE);
    for (uint32_t id = 0; id < CONTINUO_LINK_PARAMS; id++) { /* a new session hears every parameter */
        CHECK(continuo_ring_pop(&first->to_engine, &record) && record.kind == CONTINUO_LINK_SETTING && record.a == id);
    }
    CHECK(!continuo_ring_pop(&first->to_engine, &record));

    continuo_core_set_param(core, CONTINUO_LINK_PARAM_THRU, 0.0); /* without the melody through */
    continuo_core_set_param(core, CONTINUO_LINK_PARAM_DENSITY, 7.0);
    output.count = 0;
    block.beat += 256 / 24000.0;
    continuo_core_process(core, &block, MELODY, 2, &output);
    CHECK_EQ(output.count, 0);
    CHECK(continuo_ring_pop(&first->to_engine, &record) && record.kind == CONTINUO_LINK_BLOCK);
    CHECK(continuo_ring_pop(&first->to_engine, &record) && record.kind == CONTINUO_LINK_NOTE);
    CHECK(continuo_ring_pop(&first->to_engine, &record) && record.kind == CONTINUO_LINK_NOTE);
    CHECK(continuo_ring_pop(&first->to_engine, &record) && record.kind == CONTINUO_LINK_SETTING
          && record.a == CONTINUO_LINK_PARAM_THRU && record.value == 0.0);
    CHECK(continuo_ring_pop(&first->to_engine, &record) && record.kind == CONTINUO_LINK_SETTING
          && record.a == CONTINUO_LINK_PARAM_DENSITY && record.value == 1.0); /* brought into range */
    CHECK(!continuo_ring_pop(&first->to_engine, &record));

    uint32_t closed = 1; /* the engine lets the first link go: the core opens a new session */
    __atomic_store_n((uint32_t *)(void *)(first->base + CONTINUO_LINK_H_CLOSED), closed, __ATOMIC_RELEASE);
    CHECK(wait_for_opens(core, &engine, 2, 3000));
    engine_side_drain(&engine.links[1]);
    output.count = 0;
    continuo_core_process(core, &block, NULL, 0, &output);
    CHECK(continuo_ring_pop(&engine.links[1].to_engine, &record) && record.kind == CONTINUO_LINK_BLOCK);
    CHECK_EQ(atomic_load(&engine.closes), 0);

    atomic_store(&engine.beating, 0); /* the engine hangs: after ~2 s of silence the core closes and reopens */
    CHECK(wait_for_opens(core, &engine, 3, 4000));
    CHECK(atomic_load(&engine.closes) == 1 && strcmp(engine.last_close, "2") == 0);
    atomic_store(&engine.beating, 1);

    continuo_core_destroy(core);
    CHECK(atomic_load(&engine.closes) == 2 && strcmp(engine.last_close, "3") == 0);
    fake_engine_stop(&engine);
}

static void a_note_passed_through_before_the_link_ends_through_it_after(void)
{
    static fake_engine engine;
    char socket_path[108];
    snprintf(socket_path, sizeof socket_path, "/tmp/continuo-test-%d.sock", (int)getpid()); /* fake_engine's */
    setenv("CONTINUO_SOCKET", socket_path, 1);
    continuo_core *core = continuo_core_create("test");
    continuo_core_set_param(core, CONTINUO_LINK_PARAM_THRU, 0.0); /* linked, the melody goes to the engine only */
    continuo_midi_event buffer[64];
    continuo_midi_output output = {buffer, 64, 0, 0};
    continuo_transport block = rolling_block(0.0);
    const continuo_midi_event on[] = {{10, 3, {0x93, 60, 90}}, {11, 3, {0x93, 62, 90}}};
    continuo_core_process(core, &block, on, 2, &output); /* no engine yet: through */
    CHECK_EQ(output.count, 2);
    CHECK(fake_engine_start(&engine));
    CHECK(wait_for_opens(core, &engine, 1, 3000));
    const continuo_midi_event later[] = {{5, 3, {0x83, 60, 0}}, {6, 3, {0x93, 62, 0}}, {7, 3, {0x93, 64, 90}},
                                         {8, 3, {0x83, 64, 0}}, {9, 3, {0x82, 60, 0}}};
    output.count = 0;
    allocations_reset();
    continuo_core_process(core, &block, later, 5, &output);
    CHECK_EQ(allocations_counted(), 0);
    CHECK_EQ(output.count, 2); /* the two note-offs of the notes that went out; the engine has the rest */
    CHECK(buffer[0].offset_frames == 5 && buffer[0].bytes[0] == 0x83 && buffer[0].bytes[1] == 60);
    CHECK(buffer[1].offset_frames == 6 && buffer[1].bytes[0] == 0x93 && buffer[1].bytes[1] == 62);
    output.count = 0;
    continuo_core_process(core, &block, later, 2, &output); /* ended already: not again */
    CHECK_EQ(output.count, 0);
    continuo_core_destroy(core);
    fake_engine_stop(&engine);
}

/* A key passed through whose note-off never comes (the host's input was cut) ends at stop and at deactivate. */
static void keys_passed_through_end_when_the_transport_stops_and_at_deactivate(void)
{
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    continuo_core *core = continuo_core_create("test");
    continuo_midi_event buffer[64];
    const continuo_midi_event on[] = {{10, 3, {0x93, 60, 90}}};
    continuo_midi_output output = {buffer, 64, 0, 0};
    continuo_transport block = rolling_block(0.0);
    continuo_core_process(core, &block, on, 1, &output);
    CHECK_EQ(output.count, 1);
    block.rolling = 0;
    output.count = 0;
    allocations_reset();
    continuo_core_process(core, &block, NULL, 0, &output); /* stopped: the key ends */
    CHECK_EQ(allocations_counted(), 0);
    CHECK(output.count == 1 && buffer[0].offset_frames == 0 && buffer[0].bytes[0] == 0x83 && buffer[0].bytes[1] == 60);
    output.count = 0;
    continuo_core_process(core, &block, NULL, 0, &output);
    CHECK_EQ(output.count, 0); /* once */
    continuo_core_process(core, &block, on, 1, &output); /* played while stopped, then the plug-in is deactivated */
    continuo_core_deactivate(core);
    output.count = 0;
    continuo_core_process(core, &block, NULL, 0, &output);
    CHECK(output.count == 1 && buffer[0].bytes[0] == 0x83 && buffer[0].bytes[1] == 60);
    continuo_core_destroy(core);
    unsetenv("CONTINUO_SOCKET");
}

void core_tests(void)
{
    run_test("passed-through keys end at stop and deactivate",
             keys_passed_through_end_when_the_transport_stops_and_at_deactivate);
    run_test("the plugin-open answer's scanner", the_open_answer_yields_session_and_link);
    run_test("the control socket's path", the_socket_path_follows_the_engine);
    run_test("no engine: pass-through, no allocation", without_an_engine_the_melody_passes_through);
    run_test("a session: blocks, phrases, reconnection, close",
             a_session_sends_blocks_plays_phrases_and_reconnects);
    run_test("a note passed through unlinked ends through after",
             a_note_passed_through_before_the_link_ends_through_it_after);
}
