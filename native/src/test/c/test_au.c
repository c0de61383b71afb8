/*
 * The AU shim driven by a stand-in host: no Audio Unit host runs on Linux, so these tests call the shim's entry
 * points as an AU host would (factory, Open, Lookup, properties, Initialize, MusicDeviceMIDIEvent, Render with host
 * callbacks and a MIDI output callback), against CoreFoundation's stand-in (au_host/cf_stand_in.c) and the tests'
 * stand-in engine. They check the ABI's layout as Apple documents it, every selector a MIDI processor must
 * answer, the properties, the melody reaching the engine, every note-on at its exact frame, note-offs on stop and
 * Reset, and no allocation in Render. What a real host does beyond that is untested here.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "au_abi.h"
#include "cf_stand_in.h"
#include "fake_engine.h"
#include "params.h"
#include "test_runner.h"

continuo_au_plugin_interface *ContinuoAUFactory(const continuo_au_description *description);

typedef continuo_au_status (*initialize_fn)(void *self);
typedef continuo_au_status (*property_info_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                               uint32_t *size, continuo_au_boolean *writable);
typedef continuo_au_status (*get_property_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                              void *data, uint32_t *size);
typedef continuo_au_status (*set_property_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                              const void *data, uint32_t size);
typedef continuo_au_status (*get_parameter_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                               float *value);
typedef continuo_au_status (*set_parameter_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                               float value, uint32_t offset);
typedef continuo_au_status (*reset_fn)(void *self, uint32_t scope, uint32_t element);
typedef continuo_au_status (*render_fn)(void *self, uint32_t *flags, const continuo_au_time_stamp *time,
                                        uint32_t bus, uint32_t frames, void *buffers);
typedef continuo_au_status (*midi_event_fn)(void *self, uint32_t status, uint32_t data1, uint32_t data2,
                                            uint32_t offset);

#define RATE 48000.0
#define TEMPO 120.0
#define BUFFER 256u

static const continuo_au_description MIDI_PROCESSOR = {CONTINUO_AU_TYPE_MIDI_PROCESSOR,
                                                       CONTINUO_AU_FOURCC('C', 'n', 't', 'o'),
                                                       CONTINUO_AU_FOURCC('C', 'n', 't', 'u'), 0, 0};

/* The stand-in host: one unit, its selectors, a transport at a constant tempo and what came out. */
typedef struct heard {
    long frame;
    uint8_t data[3];
} heard;

#define HEARD 512

typedef struct host {
    continuo_au_plugin_interface *unit;
    initialize_fn initialize, uninitialize;
    property_info_fn property_info;
    get_property_fn get_property;
    set_property_fn set_property;
    get_parameter_fn get_parameter;
    set_parameter_fn set_parameter;
    reset_fn reset;
    render_fn render;
    midi_event_fn midi_event;
    long frame;    /* the timeline's frame at the next buffer */
    int playing;
    heard out[HEARD];
    int heard;
    int misstamped; /* packets whose time stamp is outside their buffer, or output numbers other than 0 */
} host;

#define LOOK(host, field, type, selector) \
    ((host)->field = (type)(void (*)(void))(host)->unit->lookup(selector), (host)->field != NULL)

static int host_open(host *h)
{
    memset(h, 0, sizeof *h);
    h->unit = ContinuoAUFactory(&MIDI_PROCESSOR);
    if (h->unit == NULL || h->unit->open(h->unit, h) != CONTINUO_AU_OK) {
        return 0;
    }
    int all = LOOK(h, initialize, initialize_fn, CONTINUO_AU_INITIALIZE);
    all &= LOOK(h, uninitialize, initialize_fn, CONTINUO_AU_UNINITIALIZE);
    all &= LOOK(h, property_info, property_info_fn, CONTINUO_AU_GET_PROPERTY_INFO);
    all &= LOOK(h, get_property, get_property_fn, CONTINUO_AU_GET_PROPERTY);
    all &= LOOK(h, set_property, set_property_fn, CONTINUO_AU_SET_PROPERTY);
    all &= LOOK(h, get_parameter, get_parameter_fn, CONTINUO_AU_GET_PARAMETER);
    all &= LOOK(h, set_parameter, set_parameter_fn, CONTINUO_AU_SET_PARAMETER);
    all &= LOOK(h, reset, reset_fn, CONTINUO_AU_RESET);
    all &= LOOK(h, render, render_fn, CONTINUO_AU_RENDER);
    all &= LOOK(h, midi_event, midi_event_fn, CONTINUO_AU_MIDI_EVENT);
    return all;
}

static continuo_au_status beat_and_tempo(void *user, double *beat, double *tempo)
{
    host *h = user;
    if (beat != NULL) {
        *beat = h->frame * TEMPO / 60.0 / RATE;
    }
    if (tempo != NULL) {
        *tempo = TEMPO;
    }
    return CONTINUO_AU_OK;
}

static continuo_au_status musical_time(void *user, uint32_t *to_next_beat, float *numerator, uint32_t *denominator,
                                       double *downbeat)
{
    (void)user;
    (void)to_next_beat;
    (void)downbeat;
    *numerator = 4.0f;
    *denominator = 4;
    return CONTINUO_AU_OK;
}

static continuo_au_status transport_state2(void *user, continuo_au_boolean *playing, continuo_au_boolean *recording,
                                           continuo_au_boolean *changed, double *sample, continuo_au_boolean *cycling,
                                           double *cycle_start, double *cycle_end)
{
    (void)recording;
    (void)changed;
    (void)sample;
    (void)cycling;
    (void)cycle_start;
    (void)cycle_end;
    *playing = (continuo_au_boolean)((host *)user)->playing;
    return CONTINUO_AU_OK;
}

/* Reads the packet list as a host does, packet after packet (MIDIPacketNext). */
static continuo_au_status collect(void *user, const continuo_au_time_stamp *time, uint32_t output,
                                  const continuo_au_midi_packet_list *list)
{
    host *h = user;
    h->misstamped += output != 0 || time == NULL;
    const uint8_t *packet = (const uint8_t *)list + offsetof(continuo_au_midi_packet_list, packets);
    for (uint32_t i = 0; i < list->packet_count; i++) {
        uint64_t stamp;
        uint16_t length;
        memcpy(&stamp, packet + offsetof(continuo_au_midi_packet, time_stamp), sizeof stamp);
        memcpy(&length, packet + offsetof(continuo_au_midi_packet, length), sizeof length);
        h->misstamped += stamp >= BUFFER || length < 2 || length > 3;
        if (h->heard < HEARD) {
            h->out[h->heard].frame = h->frame + (long)stamp;
            memset(h->out[h->heard].data, 0, 3);
            memcpy(h->out[h->heard].data, packet + offsetof(continuo_au_midi_packet, data), length);
            h->heard++;
        }
        size_t next = offsetof(continuo_au_midi_packet, data) + length;
#if defined(__arm__) || defined(__aarch64__)
        next = (next + 3u) & ~(size_t)3u;
#endif
        packet += next;
    }
    return CONTINUO_AU_OK;
}

static void connect_host(host *h)
{
    continuo_au_host_callbacks callbacks = {h, beat_and_tempo, musical_time, NULL, transport_state2};
    CHECK_EQ(h->set_property(h->unit, CONTINUO_AU_PROPERTY_HOST_CALLBACKS, CONTINUO_AU_SCOPE_GLOBAL, 0, &callbacks,
                             sizeof callbacks),
             CONTINUO_AU_OK);
    continuo_au_midi_output output = {collect, h};
    CHECK_EQ(h->set_property(h->unit, CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK, CONTINUO_AU_SCOPE_GLOBAL, 0, &output,
                             sizeof output),
             CONTINUO_AU_OK);
    double rate = RATE;
    CHECK_EQ(h->set_property(h->unit, CONTINUO_AU_PROPERTY_SAMPLE_RATE, CONTINUO_AU_SCOPE_GLOBAL, 0, &rate,
                             sizeof rate),
             CONTINUO_AU_OK);
}

/* One buffer; the timeline moves on while playing. */
static void render_buffer(host *h)
{
    continuo_au_time_stamp time = {0};
    time.sample_time = (double)h->frame;
    uint32_t flags = 0;
    CHECK_EQ(h->render(h->unit, &flags, &time, 0, BUFFER, NULL), CONTINUO_AU_OK);
    if (h->playing) {
        h->frame += BUFFER;
    }
}

static void sleep_ms(int ms)
{
    struct timespec pause = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

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
    continuo_au_description effect = MIDI_PROCESSOR;
    effect.type = CONTINUO_AU_FOURCC('a', 'u', 'f', 'x');
    CHECK(ContinuoAUFactory(&effect) == NULL);
    host h;
    CHECK(host_open(&h));
    CHECK(h.unit->lookup(0x0013) == NULL); /* kAudioUnitComplexRenderSelect: not a MIDI processor's */
    CHECK(h.unit->lookup(CONTINUO_AU_ADD_PROPERTY_LISTENER) != NULL);
    CHECK(h.unit->lookup(CONTINUO_AU_REMOVE_PROPERTY_LISTENER_WITH_USER_DATA) != NULL);
    continuo_au_time_stamp time = {0};
    CHECK_EQ(h.render(h.unit, NULL, &time, 0, BUFFER, NULL), CONTINUO_AU_ERR_UNINITIALIZED);
    CHECK_EQ(h.unit->close(h.unit), CONTINUO_AU_OK);
}

static void properties_describe_a_midi_processor_without_audio(void)
{
    host h;
    CHECK(host_open(&h));
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

/* Stopped buffers until the unit's BLOCK records reach the engine's side of link (or 3 s pass). */
static int await_link(host *h, continuo_link *link)
{
    continuo_link_record record;
    for (int waited = 0; waited < 3000; waited += 5) {
        render_buffer(h);
        while (continuo_ring_pop(&link->to_engine, &record)) {
            if (record.kind == CONTINUO_LINK_BLOCK) {
                return 1;
            }
        }
        sleep_ms(5);
    }
    return 0;
}

/* Phrase 0: eight beats with notes on channel 3 at these beats, half a beat each. */
static const double NOTE_BEATS[] = {0.5, 1.25, 2.0, 3.0, 4.75, 7.0};
#define NOTES (sizeof NOTE_BEATS / sizeof NOTE_BEATS[0])

static void send_phrase(continuo_link *link)
{
    continuo_link_record begin = {.kind = CONTINUO_LINK_PHRASE_BEGIN, .frames = 0, .rate = NOTES, .beat = 0.0,
                                  .value = 8.0};
    continuo_ring_push(&link->to_plugin, &begin);
    for (uint32_t i = 0; i < NOTES; i++) {
        continuo_link_record note = {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = 2, .b = (uint8_t)(50 + i), .c = 90,
                                     .beat = NOTE_BEATS[i], .value = NOTE_BEATS[i] + 0.5};
        continuo_ring_push(&link->to_plugin, &note);
    }
    continuo_link_record commit = {.kind = CONTINUO_LINK_PHRASE_COMMIT, .frames = 0};
    continuo_ring_push(&link->to_plugin, &commit);
}

/* Note-ons minus note-offs heard on the channel of this status byte. */
static int sounding(const host *h, uint8_t status)
{
    int balance = 0;
    for (int i = 0; i < h->heard; i++) {
        uint8_t type = h->out[i].data[0] & 0xF0;
        if ((h->out[i].data[0] & 0x0F) == (status & 0x0F)) {
            balance += type == 0x90 ? 1 : (type == 0x80 ? -1 : 0);
        }
    }
    return balance;
}

static void render_plays_the_phrase_at_exact_frames_and_sends_the_melody(void)
{
    static fake_engine engine;
    static host h;
    CHECK(fake_engine_start(&engine));
    CHECK(host_open(&h));
    connect_host(&h);
    CHECK_EQ(h.initialize(h.unit), CONTINUO_AU_OK);
    uint32_t frames = 512;
    CHECK_EQ(h.set_property(h.unit, CONTINUO_AU_PROPERTY_MAXIMUM_FRAMES, CONTINUO_AU_SCOPE_GLOBAL, 0, &frames,
                            sizeof frames),
             CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE); /* not while initialized */
    CHECK(await_link(&h, &engine.links[0]));
    CHECK(strcmp(engine.last_open, "plugin-open au") == 0);
    send_phrase(&engine.links[0]);
    continuo_link_record record;
    while (continuo_ring_pop(&engine.links[0].to_engine, &record)) {
    }

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
        render_buffer(&h);
        while (continuo_ring_pop(&engine.links[0].to_engine, &record)) {
            if (record.kind == CONTINUO_LINK_NOTE && record.a == 0x90 && record.b == 72) {
                melody_beat = record.beat;
            }
        }
    }
    h.playing = 0;
    render_buffer(&h);
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
    CHECK_EQ(sounding(&h, 0x92), 0);
    CHECK_EQ(sounding(&h, 0x90), 0); /* the melody passed through on channel 1, and ended */

    /* Located into the note at beat 7 it is chased; the transport stopping ends it, and so does a Reset. */
    for (int ending = 0; ending < 2; ending++) {
        h.frame = lround(7.1 * 60.0 / TEMPO * RATE);
        h.playing = 1;
        h.heard = 0;
        render_buffer(&h);
        CHECK_EQ(sounding(&h, 0x92), 1);
        if (ending == 0) {
            h.playing = 0;
        } else {
            CHECK_EQ(h.reset(h.unit, CONTINUO_AU_SCOPE_GLOBAL, 0), CONTINUO_AU_OK);
        }
        render_buffer(&h);
        CHECK_EQ(sounding(&h, 0x92), 0);
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
        sleep_ms(10);
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
