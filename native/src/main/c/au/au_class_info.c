/*
 * The AU shim's project state (kAudioUnitProperty_ClassInfo) and its current preset (PresentPreset, and the
 * deprecated CurrentPreset), on the host's main thread while Render may run.
 *
 * ClassInfo is a CFDictionary with the keys every AU preset has (version 0, type, subtype and manufacturer as
 * SInt32 numbers, the preset's name) and the core's state (core/state.h, as LV2, CLAP and VST3 save it) as CFData
 * under STATE_KEY. Setting it refuses, changing nothing, anything but such a dictionary for this component with a
 * state the core reads whole. There are no factory presets: a preset the host sets is a user preset (its number
 * negative), kept for its name.
 */
#include <stdlib.h>

#include "au_instance.h"
#include "state.h"

#define STATE_KEY "dev.continuo.state"
#define UNTITLED "Untitled" /* the name AudioToolbox's units start with */

/* Sets key to value in dictionary and releases value; 0 (releasing value) when either could not be made. */
static int put(CFMutableDictionaryRef dictionary, const char *key, CFTypeRef value)
{
    CFStringRef name = value != NULL ? CFStringCreateWithCString(NULL, key, CONTINUO_AU_CF_UTF8) : NULL;
    if (name != NULL) {
        CFDictionarySetValue(dictionary, name, value);
        CFRelease(name);
    }
    if (value != NULL) {
        CFRelease(value);
    }
    return name != NULL;
}

static CFNumberRef number(int32_t value)
{
    return CFNumberCreate(NULL, CONTINUO_AU_CF_NUMBER_SINT32, &value);
}

/* The current preset's name, made "Untitled" if there is none yet; NULL when out of memory. */
static CFStringRef preset_name(continuo_au_instance *plugin)
{
    if (plugin->preset_name == NULL) {
        plugin->preset_name = CFStringCreateWithCString(NULL, UNTITLED, CONTINUO_AU_CF_UTF8);
    }
    return plugin->preset_name;
}

continuo_au_status continuo_au_save_class_info(continuo_au_instance *plugin, CFPropertyListRef *list)
{
    unsigned char *bytes = NULL;
    size_t size = 0;
    int saved = plugin->core != NULL ? continuo_core_save(plugin->core, &bytes, &size)
                                     : continuo_state_write_defaults(&bytes, &size);
    CFMutableDictionaryRef dictionary = CFDictionaryCreateMutable(NULL, 0, &kCFTypeDictionaryKeyCallBacks,
                                                                  &kCFTypeDictionaryValueCallBacks);
    CFStringRef name = preset_name(plugin);
    int made = saved == CONTINUO_STATE_OK && dictionary != NULL && name != NULL;
    made = made && put(dictionary, CONTINUO_AU_PRESET_VERSION_KEY, number(CONTINUO_AU_PRESET_VERSION));
    made = made && put(dictionary, CONTINUO_AU_PRESET_TYPE_KEY, number((int32_t)CONTINUO_AU_TYPE_MIDI_PROCESSOR));
    made = made && put(dictionary, CONTINUO_AU_PRESET_SUBTYPE_KEY, number((int32_t)CONTINUO_AU_SUBTYPE));
    made = made && put(dictionary, CONTINUO_AU_PRESET_MANUFACTURER_KEY, number((int32_t)CONTINUO_AU_MANUFACTURER));
    made = made && put(dictionary, CONTINUO_AU_PRESET_NAME_KEY, CFRetain(name));
    made = made && put(dictionary, STATE_KEY, CFDataCreate(NULL, bytes, (CFIndex)size));
    free(bytes);
    if (!made) {
        if (dictionary != NULL) {
            CFRelease(dictionary);
        }
        return saved == CONTINUO_STATE_OK ? CONTINUO_AU_MEM_FULL : CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE;
    }
    *list = dictionary;
    return CONTINUO_AU_OK;
}

/* The value under key, of the type type_id; NULL when there is none of that type. */
static CFTypeRef value_of(CFDictionaryRef dictionary, const char *key, CFTypeID type_id)
{
    CFStringRef name = CFStringCreateWithCString(NULL, key, CONTINUO_AU_CF_UTF8);
    if (name == NULL) {
        return NULL;
    }
    CFTypeRef value = CFDictionaryGetValue(dictionary, name);
    CFRelease(name);
    return value != NULL && CFGetTypeID(value) == type_id ? value : NULL;
}

static int number_is(CFDictionaryRef dictionary, const char *key, uint32_t expected)
{
    CFNumberRef value = value_of(dictionary, key, CFNumberGetTypeID());
    int32_t got;
    return value != NULL && CFNumberGetValue(value, CONTINUO_AU_CF_NUMBER_SINT32, &got) && (uint32_t)got == expected;
}

continuo_au_status continuo_au_restore_class_info(continuo_au_instance *plugin, CFPropertyListRef list)
{
    if (list == NULL || CFGetTypeID(list) != CFDictionaryGetTypeID()) {
        return CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE;
    }
    CFDictionaryRef dictionary = list;
    CFDataRef state = value_of(dictionary, STATE_KEY, CFDataGetTypeID());
    if (!number_is(dictionary, CONTINUO_AU_PRESET_VERSION_KEY, CONTINUO_AU_PRESET_VERSION)
        || !number_is(dictionary, CONTINUO_AU_PRESET_TYPE_KEY, CONTINUO_AU_TYPE_MIDI_PROCESSOR)
        || !number_is(dictionary, CONTINUO_AU_PRESET_SUBTYPE_KEY, CONTINUO_AU_SUBTYPE)
        || !number_is(dictionary, CONTINUO_AU_PRESET_MANUFACTURER_KEY, CONTINUO_AU_MANUFACTURER) || state == NULL
        || CFDataGetBytePtr(state) == NULL) {
        return CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE;
    }
    if (continuo_au_core(plugin) == NULL) {
        return CONTINUO_AU_ERR_FAILED_INITIALIZATION;
    }
    if (continuo_core_restore(plugin->core, CFDataGetBytePtr(state), (size_t)CFDataGetLength(state))
        != CONTINUO_STATE_OK) {
        return CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE;
    }
    CFStringRef name = value_of(dictionary, CONTINUO_AU_PRESET_NAME_KEY, CFStringGetTypeID());
    continuo_au_preset preset = {-1, name};
    if (name != NULL) {
        continuo_au_set_preset(plugin, &preset);
    }
    return CONTINUO_AU_OK;
}

continuo_au_status continuo_au_get_preset(continuo_au_instance *plugin, continuo_au_preset *preset, int retain)
{
    CFStringRef name = preset_name(plugin);
    if (name == NULL) {
        return CONTINUO_AU_MEM_FULL;
    }
    preset->number = -1;
    preset->name = retain ? CFRetain(name) : name;
    return CONTINUO_AU_OK;
}

continuo_au_status continuo_au_set_preset(continuo_au_instance *plugin, const continuo_au_preset *preset)
{
    if (preset->number >= 0 || preset->name == NULL || CFGetTypeID(preset->name) != CFStringGetTypeID()) {
        return CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE; /* no factory presets */
    }
    CFRetain(preset->name);
    if (plugin->preset_name != NULL) {
        CFRelease(plugin->preset_name);
    }
    plugin->preset_name = preset->name;
    return CONTINUO_AU_OK;
}
