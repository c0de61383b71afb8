/*
 * The CLAP shim through our test host: the ABI's layout, the built .clap loaded with dlopen, pass-through without
 * an engine, the transport to frames at 44.1/48/96 kHz and blocks of 32 to 4096 frames over a loop, note-offs on
 * stop, deactivate and reset, no allocation in process, and two instances as two sessions (params and state:
 * test_clap_params.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "clap_abi.h"
#include "clap_host.h"
#include "engine_side.h"
#include "fake_engine.h"
#include "test_runner.h"
#include "timeline.h"

extern const continuo_clap_entry clap_entry;

#define BUILT_PLUGIN "target/clap/continuo.clap"

static void the_abi_has_the_specified_layout(void)
{
    CHECK_EQ(sizeof(continuo_clap_event_header), 16);
    CHECK_EQ(offsetof(continuo_clap_event_header, type), 10);
    CHECK_EQ(sizeof(continuo_clap_event_note), 40);
    CHECK_EQ(offsetof(continuo_clap_event_note, key), 24);
    CHECK_EQ(offsetof(continuo_clap_event_note, velocity), 32);
    CHECK_EQ(sizeof(continuo_clap_event_midi), 24);
    CHECK_EQ(offsetof(continuo_clap_event_midi, data), 18);
    CHECK_EQ(offsetof(continuo_clap_event_transport, song_pos_beats), 24);
    CHECK_EQ(offsetof(continuo_clap_event_transport, tempo), 40);
    CHECK_EQ(offsetof(continuo_clap_event_transport, bar_start), 88);
    CHECK_EQ(offsetof(continuo_clap_event_transport, tsig_denom), 102);
    CHECK_EQ(sizeof(continuo_clap_event_transport), 104);
    CHECK_EQ(offsetof(continuo_clap_process, transport), 16);
    CHECK_EQ(offsetof(continuo_clap_process, in_events), 48);
    CHECK_EQ(sizeof(continuo_clap_process), 64);
    CHECK_EQ(offsetof(continuo_clap_plugin, process), 72);
    CHECK_EQ(sizeof(continuo_clap_plugin), 96);
    CHECK_EQ(offsetof(continuo_clap_descriptor, features), 80);
    CHECK_EQ(sizeof(continuo_clap_host), 88);
    CHECK_EQ(sizeof(continuo_clap_note_port_info), 268);
    CHECK_EQ(offsetof(continuo_clap_event_param_value, cookie), 24);
    CHECK_EQ(offsetof(continuo_clap_event_param_value, value), 48);
    CHECK_EQ(sizeof(continuo_clap_event_param_value), 56);
    CHECK_EQ(offsetof(continuo_clap_param_info, name), 16);
    CHECK_EQ(offsetof(continuo_clap_param_info, min_value), 1296);
    CHECK_EQ(sizeof(continuo_clap_param_info), 1320);
}

static void the_built_plugin_loads_and_passes_the_melody_through_without_an_engine(void)
{
    clap_host_plugin plugin;
    static clap_host_instance instance;
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    const char *problem = clap_host_load(&plugin, BUILT_PLUGIN);
    CHECK(problem == NULL);
    if (problem != NULL) {
        fprintf(stderr, "%s: %s\n", BUILT_PLUGIN, problem);
        return;
    }
    CHECK(strcmp(plugin.descriptor->id, "dev.continuo.continuo") == 0);
    CHECK(plugin.entry->get_factory("clap.no-such-factory") == NULL);
    CHECK(plugin.factory->get_plugin_descriptor(plugin.factory, 1) == NULL);
    CHECK(clap_host_instantiate(&plugin, &instance, 48000.0, 1, 4096) == NULL);
    clap_host_add_midi(&instance, 10, 0x90, 67, 99);
    clap_host_add_midi(&instance, 11, 0xF8, 0, 0); /* a clock byte is not melody */
    clap_host_add_note(&instance, 1, 20, 1, 64, 0.5);
    clap_host_add_midi(&instance, 300, 0xC0, 5, 0); /* beyond the block: at its last frame */
    CHECK_EQ(clap_host_process(&instance, 256, NULL), CONTINUO_CLAP_PROCESS_CONTINUE);
    CHECK_EQ(instance.output_count, 3);
    CHECK(instance.outputs[0].time == 10 && instance.outputs[0].type == CONTINUO_CLAP_EVENT_MIDI);
    CHECK(memcmp(instance.outputs[0].data, "\x90\x43\x63", 3) == 0);
    CHECK(instance.outputs[1].time == 20 && memcmp(instance.outputs[1].data, "\x91\x40\x40", 3) == 0);
    CHECK(instance.outputs[2].time == 255 && memcmp(instance.outputs[2].data, "\xC0\x05\x00", 3) == 0);
    CHECK_EQ(instance.misordered, 0);
    clap_host_release(&instance);
    clap_host_unload(&plugin);
    unsetenv("CONTINUO_SOCKET");
}

static void the_factory_refuses_other_ids_and_old_hosts(void)
{
    clap_host_plugin plugin;
    CHECK(clap_host_use(&plugin, &clap_entry, "/tmp") == NULL);
    continuo_clap_host host = {{1, 2, 0}, NULL, "h", "v", "u", "1", NULL, NULL, NULL, NULL};
    CHECK(plugin.factory->create_plugin(plugin.factory, &host, "dev.continuo.other") == NULL);
    host.clap_version.major = 0;
    CHECK(plugin.factory->create_plugin(plugin.factory, &host, "dev.continuo.continuo") == NULL);
    clap_host_unload(&plugin);
}

/* A stopped block of 64 frames, for engine_side_await_block. */
static void stopped_block(void *instance)
{
    clap_host_process(instance, 64, NULL);
}

static int await_link(clap_host_instance *instance, continuo_link *link)
{
    return engine_side_await_block(link, stopped_block, instance);
}

/* Phrase 0: eight beats from beat 0 with notes on channel 3 (index 2) at these beats, each half a beat long. */
static const double NOTE_BEATS[] = {1.0, 1.5, 2.0, 3.0, 4.5, 7.0};
#define NOTES (sizeof NOTE_BEATS / sizeof NOTE_BEATS[0])

/* Re-activates the instance as a host does when its audio settings change. */
static void reactivate(clap_host_instance *instance, double sample_rate, uint32_t max_frames)
{
    const continuo_clap_plugin *plugin = instance->plugin;
    plugin->stop_processing(plugin);
    plugin->deactivate(plugin);
    CHECK(plugin->activate(plugin, sample_rate, 1, max_frames));
    CHECK(plugin->start_processing(plugin));
}

typedef struct heard {
    long frame; /* from the start of playback */
    uint8_t data[3];
} heard;

#define HEARD 256

/* Plays the timeline for frames frames in blocks of at most block_frames, appending what comes out. */
static int play(clap_host_instance *instance, clap_timeline *timeline, uint32_t block_frames, long frames,
                long *clock, heard *out, int count)
{
    long end = *clock + frames;
    while (*clock < end) {
        continuo_clap_event_transport transport;
        uint32_t block = clap_timeline_next(timeline, block_frames, &transport);
        clap_host_process(instance, block, &transport);
        for (uint32_t i = 0; i < instance->output_count && count < HEARD; i++) {
            out[count].frame = *clock + instance->outputs[i].time;
            memcpy(out[count].data, instance->outputs[i].data, 3);
            count++;
        }
        clap_timeline_advance(timeline, block);
        *clock += block;
    }
    return count;
}

static int balance(const heard *events, int count)
{
    int sounding = 0;
    for (int i = 0; i < count; i++) {
        sounding += (events[i].data[0] & 0xF0) == 0x90 ? 1 : ((events[i].data[0] & 0xF0) == 0x80 ? -1 : 0);
    }
    return sounding;
}

/* Over one pass and a quarter of the 8-beat loop: every note-on at its exact frame in both passes, then stop. */
static void check_frames(clap_host_instance *instance, double sample_rate, double tempo, uint32_t block_frames)
{
    static heard events[HEARD];
    clap_timeline timeline;
    clap_timeline_init(&timeline, sample_rate, tempo, 4, 4);
    clap_timeline_loop(&timeline, 0.0, 8.0);
    reactivate(instance, sample_rate, block_frames);
    long clock = 0;
    allocations_reset();
    int count = play(instance, &timeline, block_frames, block_frames, &clock, events, 0); /* stopped */
    timeline.playing = 1;
    clock = 0;
    double loop_frames = clap_timeline_frames(&timeline, 8.0);
    count = play(instance, &timeline, block_frames, (long)loop_frames + 120000, &clock, events, 0);
    timeline.playing = 0;
    count = play(instance, &timeline, block_frames, block_frames, &clock, events, count);
    CHECK_EQ(allocations_counted(), 0);
    int on = 0;
    int misplaced = 0;
    for (int i = 0; i < count; i++) {
        if ((events[i].data[0] & 0xF0) != 0x90) {
            continue;
        }
        uint32_t note = events[i].data[1] - 50u;
        long pass = on >= (int)NOTES ? 1 : 0;
        double exact = pass * llround(loop_frames) + clap_timeline_frames(&timeline, NOTE_BEATS[note]);
        misplaced += note >= NOTES || events[i].data[0] != 0x92 || labs(events[i].frame - lround(exact)) > 0;
        on++;
    }
    int second_pass = 0;
    for (uint32_t i = 0; i < NOTES; i++) {
        second_pass += clap_timeline_frames(&timeline, NOTE_BEATS[i]) < 120000 - 0.5;
    }
    if (misplaced != 0 || on != (int)NOTES + second_pass) {
        fprintf(stderr, "  at %.0f Hz, %.0f bpm, %u-frame blocks: %d note-ons, %d misplaced\n", sample_rate, tempo,
                block_frames, on, misplaced);
    }
    CHECK_EQ(misplaced, 0);
    CHECK_EQ(on, (int)NOTES + second_pass);
    CHECK_EQ(balance(events, count), 0);
    CHECK_EQ(instance->misordered, 0);
}

/* Plays half a beat (and the rest of its last block) from beat at 120 bpm, 48 kHz; leaves timeline rolling on. */
static int sounding_from(clap_host_instance *instance, double beat, clap_timeline *timeline, heard *events)
{
    clap_timeline_init(timeline, 48000.0, 120.0, 4, 4);
    timeline->position_frames = llround(clap_timeline_frames(timeline, beat));
    timeline->playing = 1;
    long clock = 0;
    return play(instance, timeline, 256, 12000, &clock, events, 0);
}

/* Note-offs at the first frame of the block the timeline plays next. */
static int first_frame_ends(clap_host_instance *instance, clap_timeline *timeline)
{
    continuo_clap_event_transport transport;
    clap_host_process(instance, clap_timeline_next(timeline, 256, &transport), &transport);
    int ends = 0;
    for (uint32_t i = 0; i < instance->output_count; i++) {
        ends += (instance->outputs[i].data[0] & 0xF0) == 0x80 && instance->outputs[i].time == 0;
    }
    return ends;
}

static void stop_deactivate_and_reset_end_every_note(clap_host_instance *instance)
{
    static heard events[HEARD];
    clap_timeline timeline;
    reactivate(instance, 48000.0, 4096);

    int count = sounding_from(instance, 1.0, &timeline, events); /* the note at beat 1 sounds */
    CHECK_EQ(balance(events, count), 1);
    timeline.playing = 0;
    CHECK_EQ(first_frame_ends(instance, &timeline), 1);

    count = sounding_from(instance, 1.1, &timeline, events); /* located into it: chased at frame 0 */
    CHECK(count >= 1 && events[0].frame == 0 && events[0].data[0] == 0x92);
    CHECK_EQ(balance(events, count), 1);
    reactivate(instance, 48000.0, 4096); /* while rolling on */
    CHECK_EQ(first_frame_ends(instance, &timeline), 1);
    timeline.playing = 0;
    first_frame_ends(instance, &timeline); /* stopped: the player may have chased the note again */

    count = sounding_from(instance, 2.9, &timeline, events); /* the note at beat 3 sounds */
    CHECK_EQ(balance(events, count), 1);
    instance->plugin->reset(instance->plugin);
    CHECK_EQ(first_frame_ends(instance, &timeline), 1);
}

static void transport_becomes_frames_and_notes_end(void)
{
    static fake_engine engine;
    clap_host_plugin plugin;
    static clap_host_instance instance;
    CHECK(fake_engine_start(&engine));
    CHECK(clap_host_use(&plugin, &clap_entry, "/tmp") == NULL);
    CHECK(clap_host_instantiate(&plugin, &instance, 48000.0, 1, 4096) == NULL);
    CHECK(await_link(&instance, &engine.links[0]));
    CHECK(strcmp(engine.last_open, "plugin-open clap") == 0);
    engine_side_send_phrase(&engine.links[0], NOTE_BEATS, NOTES, 8.0, 2, 50);
    const double rates[] = {44100.0, 48000.0, 96000.0};
    const uint32_t blocks[] = {32, 441, 4096};
    const double tempi[] = {120.0, 87.0};
    for (int r = 0; r < 3; r++) {
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 2; t++) {
                check_frames(&instance, rates[r], tempi[t], blocks[b]);
                engine_side_drain(&engine.links[0]);
            }
        }
    }
    stop_deactivate_and_reset_end_every_note(&instance);
    clap_host_release(&instance);
    clap_host_unload(&plugin);
    fake_engine_stop(&engine);
}

/* Which of the two links carried a NOTE record with this pitch. */
static int link_with_pitch(fake_engine *engine, uint8_t pitch)
{
    for (int i = 0; i < 2; i++) {
        continuo_link_record record;
        while (continuo_ring_pop(&engine->links[i].to_engine, &record)) {
            if (record.kind == CONTINUO_LINK_NOTE && record.b == pitch) {
                engine_side_drain(&engine->links[i]);
                return i;
            }
        }
    }
    return -1;
}

static void two_instances_are_two_sessions(void)
{
    static fake_engine engine;
    clap_host_plugin plugin;
    static clap_host_instance first, second;
    CHECK(fake_engine_start(&engine));
    CHECK(clap_host_use(&plugin, &clap_entry, "/tmp") == NULL);
    CHECK(clap_host_instantiate(&plugin, &first, 48000.0, 1, 4096) == NULL);
    CHECK(clap_host_instantiate(&plugin, &second, 48000.0, 1, 4096) == NULL);
    CHECK(await_link(&first, &engine.links[0]) || await_link(&first, &engine.links[1]));
    for (int waited = 0; waited < 3000 && atomic_load(&engine.opens) < 2; waited += 5) {
        test_sleep_ms(5);
    }
    CHECK_EQ(atomic_load(&engine.opens), 2);
    CHECK(await_link(&second, &engine.links[0]) || await_link(&second, &engine.links[1]));
    engine_side_drain(&engine.links[0]);
    engine_side_drain(&engine.links[1]);
    clap_host_add_midi(&first, 0, 0x90, 60, 100);
    clap_host_process(&first, 256, NULL);
    int a = link_with_pitch(&engine, 60);
    clap_host_add_midi(&second, 0, 0x90, 62, 100);
    clap_host_process(&second, 256, NULL);
    int b = link_with_pitch(&engine, 62);
    CHECK(a >= 0 && b >= 0 && a != b);
    clap_host_release(&first);
    clap_host_release(&second);
    CHECK_EQ(atomic_load(&engine.closes), 2);
    clap_host_unload(&plugin);
    fake_engine_stop(&engine);
}

void clap_tests(void)
{
    run_test("clap: the ABI's layout", the_abi_has_the_specified_layout);
    run_test("clap: the built .clap, no engine, melody through",
             the_built_plugin_loads_and_passes_the_melody_through_without_an_engine);
    run_test("clap: the factory refuses other ids, old hosts", the_factory_refuses_other_ids_and_old_hosts);
    run_test("clap: transport to frames, loops; stop, deactivate, reset",
             transport_becomes_frames_and_notes_end);
    run_test("clap: two instances, two sessions", two_instances_are_two_sessions);
}
