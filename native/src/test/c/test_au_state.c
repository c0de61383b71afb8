/*
 * The AU shim's project state through the stand-in host (au_host/): kAudioUnitProperty_ClassInfo saved from a
 * unit that plays a phrase from the stand-in engine, restored into a fresh unit with no engine at all, which plays
 * the same notes at the same frames (nothing can regenerate them) without allocating in Render and saves the same
 * state again; damaged and foreign dictionaries refused whole with the unit left as it was; the current preset.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "au_abi.h"
#include "au_host.h"
#include "cf_stand_in.h"
#include "engine_side.h"
#include "fake_engine.h"
#include "test_runner.h"

#define STATE_KEY "dev.continuo.state"
#define PHRASE_FRAMES ((long)(8 * AU_HOST_RATE * 60.0 / AU_HOST_TEMPO))

static const double NOTE_BEATS[] = {0.5, 1.25, 2.0, 3.0, 4.75, 7.0};
#define NOTES (sizeof NOTE_BEATS / sizeof NOTE_BEATS[0])

static CFDictionaryRef save(au_host *h)
{
    CFPropertyListRef list = NULL;
    uint32_t size = sizeof list;
    CHECK_EQ(h->get_property(h->unit, CONTINUO_AU_PROPERTY_CLASS_INFO, CONTINUO_AU_SCOPE_GLOBAL, 0, &list, &size),
             CONTINUO_AU_OK);
    CHECK_EQ(size, sizeof list);
    return list;
}

static continuo_au_status restore(au_host *h, CFPropertyListRef list)
{
    return h->set_property(h->unit, CONTINUO_AU_PROPERTY_CLASS_INFO, CONTINUO_AU_SCOPE_GLOBAL, 0, &list, sizeof list);
}

static int number_of(CFDictionaryRef dictionary, const char *key)
{
    CFTypeRef value = cf_stand_in_get(dictionary, key);
    int32_t got = -1;
    CHECK(value != NULL && CFGetTypeID(value) == CFNumberGetTypeID()
          && CFNumberGetValue(value, CONTINUO_AU_CF_NUMBER_SINT32, &got));
    return got;
}

static int same_data(CFDictionaryRef a, CFDictionaryRef b)
{
    CFDataRef left = cf_stand_in_get(a, STATE_KEY), right = cf_stand_in_get(b, STATE_KEY);
    return left != NULL && right != NULL && CFDataGetLength(left) == CFDataGetLength(right)
           && memcmp(CFDataGetBytePtr(left), CFDataGetBytePtr(right), (size_t)CFDataGetLength(left)) == 0;
}

static float param(au_host *h, uint32_t id)
{
    float value = -1.0f;
    CHECK_EQ(h->get_parameter(h->unit, id, CONTINUO_AU_SCOPE_GLOBAL, 0, &value), CONTINUO_AU_OK);
    return value;
}

static const char *preset_name(au_host *h)
{
    continuo_au_preset preset = {0, NULL};
    uint32_t size = sizeof preset;
    CHECK_EQ(h->get_property(h->unit, CONTINUO_AU_PROPERTY_CURRENT_PRESET, CONTINUO_AU_SCOPE_GLOBAL, 0, &preset,
                             &size),
             CONTINUO_AU_OK);
    CHECK_EQ(preset.number, -1);
    return preset.name != NULL ? cf_stand_in_string(preset.name) : "";
}

/* Plays the 8-beat phrase from its start and stops; the note-ons on channel 3 into ons, their count returned. */
static int play_phrase(au_host *h, au_heard *ons)
{
    h->frame = 0;
    h->playing = 1;
    h->heard = 0;
    allocations_reset();
    while (h->frame < PHRASE_FRAMES) {
        au_host_render(h);
    }
    h->playing = 0;
    au_host_render(h);
    CHECK_EQ(allocations_counted(), 0);
    CHECK_EQ(au_host_sounding(h, 0x92), 0);
    CHECK_EQ(h->misstamped, 0);
    int count = 0;
    for (int i = 0; i < h->heard; i++) {
        if (h->out[i].data[0] == 0x92) {
            ons[count++] = h->out[i];
        }
    }
    return count;
}

static void a_saved_state_plays_the_same_accompaniment_in_a_fresh_unit(void)
{
    static fake_engine engine;
    static au_host first, second;
    static au_heard played[AU_HOST_HEARD], replayed[AU_HOST_HEARD];
    int live = cf_stand_in_live();
    CHECK(fake_engine_start(&engine));
    CHECK(au_host_open(&first));
    au_host_connect(&first);
    CHECK_EQ(first.initialize(first.unit), CONTINUO_AU_OK);
    CHECK_EQ(first.set_parameter(first.unit, CONTINUO_LINK_PARAM_DENSITY, CONTINUO_AU_SCOPE_GLOBAL, 0, 0.25f, 0),
             CONTINUO_AU_OK);
    CHECK(engine_side_await_block(&engine.links[0], au_host_render_block, &first));
    engine_side_send_phrase(&engine.links[0], NOTE_BEATS, NOTES, 8.0, 2, 50);
    int count = play_phrase(&first, played);
    CHECK_EQ(count, NOTES);
    CFDictionaryRef saved = save(&first);
    CHECK(saved != NULL && CFGetTypeID(saved) == CFDictionaryGetTypeID());
    CHECK_EQ(number_of(saved, "version"), 0);
    CHECK_EQ(number_of(saved, "type"), CONTINUO_AU_TYPE_MIDI_PROCESSOR);
    CHECK_EQ(number_of(saved, "subtype"), AU_HOST_MIDI_PROCESSOR.subtype);
    CHECK_EQ(number_of(saved, "manufacturer"), AU_HOST_MIDI_PROCESSOR.manufacturer);
    CFTypeRef name = cf_stand_in_get(saved, "name");
    CHECK(name != NULL && CFGetTypeID(name) == CFStringGetTypeID() && strcmp(cf_stand_in_string(name), "Untitled") == 0);
    CFTypeRef data = cf_stand_in_get(saved, STATE_KEY);
    CHECK(data != NULL && CFGetTypeID(data) == CFDataGetTypeID() && CFDataGetLength(data) > 16);
    CHECK_EQ(first.uninitialize(first.unit), CONTINUO_AU_OK);
    CHECK_EQ(first.unit->close(first.unit), CONTINUO_AU_OK);
    fake_engine_stop(&engine);

    /* No engine from here on: whatever plays comes from the saved state. */
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    CHECK(au_host_open(&second));
    au_host_connect(&second);
    CHECK_EQ(restore(&second, saved), CONTINUO_AU_OK); /* as hosts do, before Initialize */
    CHECK_EQ(second.initialize(second.unit), CONTINUO_AU_OK);
    CHECK(param(&second, CONTINUO_LINK_PARAM_DENSITY) == 0.25f);
    au_host_render(&second); /* the player takes the restored phrases in the next buffer */
    CHECK_EQ(play_phrase(&second, replayed), count);
    int different = 0;
    for (int i = 0; i < count; i++) {
        different += replayed[i].frame != played[i].frame || memcmp(replayed[i].data, played[i].data, 3) != 0;
    }
    CHECK_EQ(different, 0);
    CFDictionaryRef again = save(&second);
    CHECK(same_data(saved, again));
    CFRelease(again);
    CFRelease(saved);
    CHECK_EQ(second.unit->close(second.unit), CONTINUO_AU_OK);
    CHECK_EQ(cf_stand_in_live(), live);
    unsetenv("CONTINUO_SOCKET");
}

/* A copy of state with key set to value (released), or removed when value is NULL. */
static CFMutableDictionaryRef altered(CFDictionaryRef state, const char *key, CFTypeRef value)
{
    CFMutableDictionaryRef copy = CFDictionaryCreateMutable(NULL, 0, &kCFTypeDictionaryKeyCallBacks,
                                                            &kCFTypeDictionaryValueCallBacks);
    const char *keys[] = {"version", "type", "subtype", "manufacturer", "name", STATE_KEY};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(keys[i], key) != 0) {
            cf_stand_in_put(copy, keys[i], CFRetain(cf_stand_in_get(state, keys[i])));
        } else if (value != NULL) {
            cf_stand_in_put(copy, keys[i], value);
        }
    }
    return copy;
}

static CFNumberRef number(int32_t value)
{
    return CFNumberCreate(NULL, CONTINUO_AU_CF_NUMBER_SINT32, &value);
}

/* The saved state's bytes with the one at index changed, or cut by one when index is -1. */
static CFDataRef damaged(CFDictionaryRef state, long index)
{
    CFDataRef data = cf_stand_in_get(state, STATE_KEY);
    static uint8_t bytes[1 << 16];
    CFIndex length = CFDataGetLength(data);
    memcpy(bytes, CFDataGetBytePtr(data), (size_t)length);
    if (index < 0) {
        return CFDataCreate(NULL, bytes, length - 1);
    }
    bytes[index] ^= 0x5A;
    return CFDataCreate(NULL, bytes, length);
}

static void damaged_and_foreign_states_are_refused_whole(void)
{
    static au_host source, unit;
    int live = cf_stand_in_live();
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    CHECK(au_host_open(&source));
    CHECK_EQ(source.set_parameter(source.unit, CONTINUO_LINK_PARAM_DENSITY, CONTINUO_AU_SCOPE_GLOBAL, 0, 0.9f, 0),
             CONTINUO_AU_OK);
    continuo_au_preset theirs = {-1, CFStringCreateWithCString(NULL, "Theirs", CONTINUO_AU_CF_UTF8)};
    CHECK_EQ(source.set_property(source.unit, CONTINUO_AU_PROPERTY_PRESENT_PRESET, CONTINUO_AU_SCOPE_GLOBAL, 0, &theirs,
                                 sizeof theirs),
             CONTINUO_AU_OK);
    CFRelease(theirs.name); /* the unit keeps its own reference */
    CFDictionaryRef state = save(&source);
    CHECK_EQ(source.unit->close(source.unit), CONTINUO_AU_OK);

    CHECK(au_host_open(&unit));
    au_host_connect(&unit);
    CHECK_EQ(unit.initialize(unit.unit), CONTINUO_AU_OK);
    CHECK_EQ(unit.set_parameter(unit.unit, CONTINUO_LINK_PARAM_DENSITY, CONTINUO_AU_SCOPE_GLOBAL, 0, 0.25f, 0),
             CONTINUO_AU_OK);
    continuo_au_preset mine = {-1, CFStringCreateWithCString(NULL, "Mine", CONTINUO_AU_CF_UTF8)};
    CHECK_EQ(unit.set_property(unit.unit, CONTINUO_AU_PROPERTY_PRESENT_PRESET, CONTINUO_AU_SCOPE_GLOBAL, 0, &mine,
                               sizeof mine),
             CONTINUO_AU_OK);
    CFRelease(mine.name);
    CFDictionaryRef before = save(&unit);

    CFTypeRef refused[] = {
        altered(state, "subtype", number((int32_t)CONTINUO_AU_FOURCC('O', 't', 'h', 'r'))), /* another unit's */
        altered(state, "manufacturer", number(1)),
        altered(state, "type", number((int32_t)CONTINUO_AU_FOURCC('a', 'u', 'f', 'x'))),
        altered(state, "version", number(1)),
        altered(state, "version", NULL),
        altered(state, STATE_KEY, NULL),
        altered(state, STATE_KEY, CFStringCreateWithCString(NULL, "not data", CONTINUO_AU_CF_UTF8)),
        altered(state, STATE_KEY, damaged(state, -1)),      /* cut short */
        altered(state, STATE_KEY, damaged(state, 0)),       /* not Continuo's magic */
        altered(state, STATE_KEY, damaged(state, 16)),      /* the first record's kind: none a state has */
        CFStringCreateWithCString(NULL, "a string, not a dictionary", CONTINUO_AU_CF_UTF8),
        NULL,
    };
    int accepted = 0;
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        accepted += restore(&unit, refused[i]) != CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE;
        if (refused[i] != NULL) {
            CFRelease(refused[i]);
        }
    }
    CHECK_EQ(accepted, 0);
    CHECK(param(&unit, CONTINUO_LINK_PARAM_DENSITY) == 0.25f);
    CHECK(strcmp(preset_name(&unit), "Mine") == 0);
    CFDictionaryRef after = save(&unit);
    CHECK(same_data(before, after));
    CFRelease(after);
    CFRelease(before);

    CHECK_EQ(restore(&unit, state), CONTINUO_AU_OK); /* the whole state, while initialized */
    CHECK(param(&unit, CONTINUO_LINK_PARAM_DENSITY) == 0.9f);
    CHECK(strcmp(preset_name(&unit), "Theirs") == 0);
    CFRelease(state);
    CHECK_EQ(unit.unit->close(unit.unit), CONTINUO_AU_OK);
    CHECK_EQ(cf_stand_in_live(), live);
    unsetenv("CONTINUO_SOCKET");
}

static void the_current_preset_is_a_user_preset(void)
{
    static au_host h;
    int live = cf_stand_in_live();
    CHECK(au_host_open(&h));
    uint32_t size = 0;
    continuo_au_boolean writable = 0;
    CHECK_EQ(h.property_info(h.unit, CONTINUO_AU_PROPERTY_CLASS_INFO, CONTINUO_AU_SCOPE_GLOBAL, 0, &size, &writable),
             CONTINUO_AU_OK);
    CHECK(size == sizeof(CFPropertyListRef) && writable == 1);
    CHECK_EQ(h.property_info(h.unit, CONTINUO_AU_PROPERTY_CLASS_INFO, CONTINUO_AU_SCOPE_OUTPUT, 0, &size, &writable),
             CONTINUO_AU_ERR_INVALID_PROPERTY);
    continuo_au_preset preset = {0, NULL};
    size = sizeof preset;
    CHECK_EQ(h.get_property(h.unit, CONTINUO_AU_PROPERTY_PRESENT_PRESET, CONTINUO_AU_SCOPE_GLOBAL, 0, &preset, &size),
             CONTINUO_AU_OK);
    CHECK(preset.number == -1 && preset.name != NULL && strcmp(cf_stand_in_string(preset.name), "Untitled") == 0);
    int with_name = cf_stand_in_live();
    CFRelease(preset.name); /* PresentPreset hands a reference to the caller, CurrentPreset does not */
    CHECK(strcmp(preset_name(&h), "Untitled") == 0);
    CHECK_EQ(cf_stand_in_live(), with_name);
    continuo_au_preset factory = {0, preset.name};
    CHECK_EQ(h.set_property(h.unit, CONTINUO_AU_PROPERTY_PRESENT_PRESET, CONTINUO_AU_SCOPE_GLOBAL, 0, &factory,
                            sizeof factory),
             CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE); /* there are no factory presets */
    continuo_au_preset nameless = {-1, NULL};
    CHECK_EQ(h.set_property(h.unit, CONTINUO_AU_PROPERTY_CURRENT_PRESET, CONTINUO_AU_SCOPE_GLOBAL, 0, &nameless,
                            sizeof nameless),
             CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE);
    CHECK(strcmp(preset_name(&h), "Untitled") == 0);
    CHECK_EQ(h.unit->close(h.unit), CONTINUO_AU_OK);
    CHECK_EQ(cf_stand_in_live(), live);
}

void au_state_tests(void)
{
    run_test("au (stand-in host): ClassInfo saved, replayed without engine",
             a_saved_state_plays_the_same_accompaniment_in_a_fresh_unit);
    run_test("au (stand-in host): damaged, foreign ClassInfo refused", damaged_and_foreign_states_are_refused_whole);
    run_test("au (stand-in host): the current preset", the_current_preset_is_a_user_preset);
}
