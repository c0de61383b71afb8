/*
 * The AU shim driven by a stand-in host: no Audio Unit host runs on Linux, so these tests call the shim's entry
 * points as an AU host would (factory, Open, Lookup, properties, Initialize, MusicDeviceMIDIEvent, Render with host
 * callbacks and a MIDI output callback), against CoreFoundation's stand-in (au_host/cf_stand_in.c) and the tests'
 * stand-in engine. They check the ABI's layout as Apple documents it, every selector a MIDI processor must
 * answer, the properties, the melody reaching the engine, every note-on at its exact frame, note-offs on stop and
 * Reset, and no allocation in Render. What a real host does beyond that is untested here.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "au_abi.h"
#include "au_host.h"
#include "cf_stand_in.h"
#include "engine_side.h"
#include "fake_engine.h"
#include "params.h"
#include "test_runner.h"

#define RATE AU_HOST_RATE
#define TEMPO AU_HOST_TEMPO
#define BUFFER AU_HOST_BUFFER

static void the_abi_has_the_documented_layout(void)
{
    CHECK_EQ(CONTINUO_AU_TYPE_MIDI_PROCESSOR, 0x61756D69);
    CHECK_EQ(sizeof(continuo_au_description), 20);
    CHECK_EQ(sizeof(continuo_au_plugin_interface), 4 * sizeof(void *));
    CHECK_EQ(sizeof(continuo_au_smpte_time), 24);
    CHECK_EQ(sizeof(continuo_au_time_stamp), 64);
    CHECK_EQ(offsetof(continuo_au_time_stamp, smpte_time), 32);
    CHECK_EQ(sizeof(continuo_au_host_callbacks), 5 * sizeof(void *));
    CHECK_EQ(offsetof(continuo_au_midi_packet, length), 8);
    CHECK_EQ(offsetof(continuo_au_midi_packet, data), 10);
    CHECK_EQ(offsetof(continuo_au_midi_packet_list, packets), 4);
    CHECK_EQ(sizeof(continuo_au_midi_output), 2 * sizeof(void *));
    if (sizeof(void *) == 8) {
        CHECK_EQ(offsetof(continuo_au_parameter_info, unit_name), 56);
        CHECK_EQ(offsetof(continuo_au_parameter_info, cf_name), 72);
        CHECK_EQ(offsetof(continuo_au_parameter_info, unit), 80);
        CHECK_EQ(offsetof(continuo_au_parameter_info, flags), 96);
        CHECK_EQ(sizeof(continuo_au_parameter_info), 104);
    }
}

static void the_factory_and_lookup_answer_what_a_midi_processor_needs(void)
{
    continuo_au_description effect = AU_HOST_MIDI_PROCESSOR;
    effect.type = CONTINUO_AU_FOURCC('a', 'u', 'f', 'x');
    CHECK(ContinuoAUFactory(&effect) == NULL);
    au_host h;
    CHECK(au_host_open(&h));
    CHECK(h.unit->lookup(0x0013) == NULL); /* kAudioUnitComplexRenderSelect: not a MIDI processor's */
    CHECK(h.unit->lookup(CONTINUO_AU_ADD_PROPERTY_LISTENER) != NULL);
    CHECK(h.unit->lookup(CONTINUO_AU_REMOVE_PROPERTY_LISTENER_WITH_USER_DATA) != NULL);
    continuo_au_time_stamp time = {0};
    CHECK_EQ(h.render(h.unit, NULL, &time, 0, BUFFER, NULL), CONTINUO_AU_ERR_UNINITIALIZED);
    CHECK_EQ(h.unit->close(h.unit), CONTINUO_AU_OK);
}

static void properties_describe_a_midi_processor_without_audio(void)
{
    au_host h;
    CHECK(au_host_open(&h));
    uint32_t count = 7, size = sizeof count;
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_ELEMENT_COUNT, CONTINUO_AU_SCOPE_OUTPUT, 0, &count, &size),
             CONTINUO_AU_OK);
    CHECK_EQ(count, 0);
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_ELEMENT_COUNT, CONTINUO_AU_SCOPE_GLOBAL, 0, &count, &size),
             CONTINUO_AU_OK);
    CHECK_EQ(count, 1);

    continuo_au_boolean writable = 1;
    CHECK_EQ(h.property_info(h.unit, CONTINUO_AU_PROPERTY_MIDI_OUTPUT_INFO, CONTINUO_AU_SCOPE_GLOBAL, 0, &size,
                             &writable),
             CONTINUO_AU_OK);
    CHECK_EQ(size, sizeof(CFArrayRef));
    CHECK_EQ(writable, 0);
    int live = cf_stand_in_live();
    CFArrayRef names = NULL;
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_MIDI_OUTPUT_INFO, CONTINUO_AU_SCOPE_GLOBAL, 0, &names, &size),
             CONTINUO_AU_OK);
    CHECK(names != NULL && cf_stand_in_count(names) == 1);
    CHECK(names != NULL && cf_stand_in_text(names, 0) != NULL
          && strcmp(cf_stand_in_text(names, 0), "Accompaniment") == 0);
    CFRelease(names);
    CHECK_EQ(cf_stand_in_live(), live); /* the array held the only reference to its name */

    CHECK_EQ(h.property_info(h.unit, CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK, CONTINUO_AU_SCOPE_GLOBAL, 0, NULL,
                             &writable),
             CONTINUO_AU_OK);
    CHECK_EQ(writable, 1);
    continuo_au_midi_output output;
    size = sizeof output;
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK, CONTINUO_AU_SCOPE_GLOBAL, 0, &output,
                            &size),
             CONTINUO_AU_ERR_INVALID_PROPERTY);
    CHECK_EQ(h.property_info(h.unit, 22, CONTINUO_AU_SCOPE_GLOBAL, 0, &size, &writable),
             CONTINUO_AU_ERR_INVALID_PROPERTY);
    double latency = 1.0;
    size = sizeof latency;
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_LATENCY, CONTINUO_AU_SCOPE_GLOBAL, 0, &latency, &size),
             CONTINUO_AU_OK);
    CHECK(latency == 0.0);
    CHECK_EQ(h.set_property(h.unit, CONTINUO_AU_PROPERTY_LATENCY, CONTINUO_AU_SCOPE_GLOBAL, 0, &latency, size),
             CONTINUO_AU_ERR_PROPERTY_NOT_WRITABLE);

    uint32_t ids[CONTINUO_PARAM_COUNT + 1];
    size = sizeof ids;
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_PARAMETER_LIST, CONTINUO_AU_SCOPE_GLOBAL, 0, ids, &size),
             CONTINUO_AU_OK);
    CHECK_EQ(size, CONTINUO_PARAM_COUNT * sizeof(uint32_t));
    CHECK_EQ(ids[CONTINUO_LINK_PARAM_BARS], CONTINUO_LINK_PARAM_BARS);
    continuo_au_parameter_info info;
    size = sizeof info;
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_PARAMETER_INFO, CONTINUO_AU_SCOPE_GLOBAL,
                            CONTINUO_LINK_PARAM_BARS, &info, &size),
             CONTINUO_AU_OK);
    CHECK(strcmp(info.name, continuo_param_info_of(CONTINUO_LINK_PARAM_BARS)->name) == 0);
    CHECK(info.min_value == 0.0f && info.max_value == 16.0f && info.unit == CONTINUO_AU_UNIT_INDEXED);
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_PARAMETER_INFO, CONTINUO_AU_SCOPE_GLOBAL,
                            CONTINUO_PARAM_COUNT, &info, &size),
             CONTINUO_AU_ERR_INVALID_PARAMETER);
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_PARAMETER_INFO, CONTINUO_AU_SCOPE_GLOBAL,
                            CONTINUO_LINK_PARAM_THRU, &info, &size),
             CONTINUO_AU_OK);
    CHECK_EQ(info.unit, CONTINUO_AU_UNIT_BOOLEAN);
    CHECK_EQ(h.unit->close(h.unit), CONTINUO_AU_OK);
}

/* Phrase 0: eight beats with notes on channel 3 at these beats, half a beat each. */
static const double NOTE_BEATS[] = {0.5, 1.25, 2.0, 3.0, 4.75, 7.0};
#define NOTES (sizeof NOTE_BEATS / sizeof NOTE_BEATS[0])

static void render_plays_the_phrase_at_exact_frames_and_sends_the_melody(void)
{
    static fake_engine engine;
    static au_host h;
    CHECK(fake_engine_start(&engine));
    CHECK(au_host_open(&h));
    au_host_connect(&h);
    CHECK_EQ(h.initialize(h.unit), CONTINUO_AU_OK);
    uint32_t frames = 512;
    CHECK_EQ(h.set_property(h.unit, CONTINUO_AU_PROPERTY_MAXIMUM_FRAMES, CONTINUO_AU_SCOPE_GLOBAL, 0, &frames,
                            sizeof frames),
             CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE); /* not while initialized */
    CHECK(engine_side_await_block(&engine.links[0], au_host_render_block, &h));
    CHECK(strcmp(engine.last_open, "plugin-open au") == 0);
    engine_side_send_phrase(&engine.links[0], NOTE_BEATS, NOTES, 8.0, 2, 50);
    engine_side_drain(&engine.links[0]);
    continuo_link_record record;

    h.playing = 1;
    h.heard = 0;
    allocations_reset();
    double melody_beat = -1.0;
    for (long buffer = 0; h.frame < (long)(8 * RATE * 60.0 / TEMPO); buffer++) {
        if (buffer == 10) {
            CHECK_EQ(h.midi_event(h.unit, 0x90, 72, 100, 100), CONTINUO_AU_OK); /* frame 2,660 */
            CHECK_EQ(h.midi_event(h.unit, 0xF8, 0, 0, 0), CONTINUO_AU_OK);      /* a clock byte: dropped */
        } else if (buffer == 20) {
            CHECK_EQ(h.midi_event(h.unit, 0x80, 72, 0, BUFFER + 40), CONTINUO_AU_OK); /* clamped to the buffer */
        }
        au_host_render(&h);
        while (continuo_ring_pop(&engine.links[0].to_engine, &record)) {
            if (record.kind == CONTINUO_LINK_NOTE && record.a == 0x90 && record.b == 72) {
                melody_beat = record.beat;
            }
        }
    }
    h.playing = 0;
    au_host_render(&h);
    CHECK_EQ(allocations_counted(), 0);
    CHECK(fabs(melody_beat - 2660 * TEMPO / 60.0 / RATE) < 1e-9);

    int on = 0, misplaced = 0;
    for (int i = 0; i < h.heard; i++) {
        if (h.out[i].data[0] != 0x92) {
            continue;
        }
        uint32_t note = h.out[i].data[1] - 50u;
        misplaced += note >= NOTES || h.out[i].frame != lround(NOTE_BEATS[note] * 60.0 / TEMPO * RATE);
        on++;
    }
    CHECK_EQ(on, NOTES);
    CHECK_EQ(misplaced, 0);
    CHECK_EQ(h.misstamped, 0);
    CHECK_EQ(au_host_sounding(&h, 0x92), 0);
    CHECK_EQ(au_host_sounding(&h, 0x90), 0); /* the melody passed through on channel 1, and ended */

    /* Located into the note at beat 7 it is chased; the transport stopping ends it, and so does a Reset. */
    for (int ending = 0; ending < 2; ending++) {
        h.frame = lround(7.1 * 60.0 / TEMPO * RATE);
        h.playing = 1;
        h.heard = 0;
        au_host_render(&h);
        CHECK_EQ(au_host_sounding(&h, 0x92), 1);
        if (ending == 0) {
            h.playing = 0;
        } else {
            CHECK_EQ(h.reset(h.unit, CONTINUO_AU_SCOPE_GLOBAL, 0), CONTINUO_AU_OK);
        }
        au_host_render(&h);
        CHECK_EQ(au_host_sounding(&h, 0x92), 0);
    }

    float value = 0.0f;
    CHECK_EQ(h.set_parameter(h.unit, CONTINUO_LINK_PARAM_DENSITY, CONTINUO_AU_SCOPE_GLOBAL, 0, 0.25f, 0),
             CONTINUO_AU_OK);
    CHECK_EQ(h.get_parameter(h.unit, CONTINUO_LINK_PARAM_DENSITY, CONTINUO_AU_SCOPE_GLOBAL, 0, &value),
             CONTINUO_AU_OK);
    CHECK(value == 0.25f);
    CHECK_EQ(h.get_parameter(h.unit, CONTINUO_PARAM_COUNT, CONTINUO_AU_SCOPE_GLOBAL, 0, &value),
             CONTINUO_AU_ERR_INVALID_PARAMETER);
    CHECK_EQ(h.uninitialize(h.unit), CONTINUO_AU_OK);
    CHECK_EQ(h.unit->close(h.unit), CONTINUO_AU_OK);
    for (int waited = 0; waited < 3000 && atomic_load(&engine.closes) == 0; waited += 10) {
        test_sleep_ms(10);
    }
    CHECK_EQ(atomic_load(&engine.closes), 1); /* Close ends the session */
    fake_engine_stop(&engine);
}

void au_tests(void)
{
    run_test("au (stand-in host): the ABI's layout", the_abi_has_the_documented_layout);
    run_test("au (stand-in host): factory and selectors", the_factory_and_lookup_answer_what_a_midi_processor_needs);
    run_test("au (stand-in host): properties, no audio buses", properties_describe_a_midi_processor_without_audio);
    run_test("au (stand-in host): melody in, phrase at its frames, stop, reset",
             render_plays_the_phrase_at_exact_frames_and_sends_the_melody);
}
