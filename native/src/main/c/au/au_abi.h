/*
 * The part of Apple's Audio Unit v2 C ABI (AudioToolbox: AudioComponent.h, AUComponent.h, AudioUnitProperties.h,
 * MusicDevice.h; CoreAudioTypes.h; CoreMIDI's MIDIServices.h; CoreFoundation) that the AU MIDI processor uses,
 * declared here from Apple's public documentation under our own names; no SDK header is included or copied. The
 * few CoreFoundation functions keep their real names: on macOS they link against CoreFoundation, and the Linux C
 * tests link a stand-in of them.
 *
 * Integer types are Apple's fixed sizes (OSType, UInt32: 32 bits; SInt16: 16; Boolean: 8; Float32/Float64).
 */
#ifndef CONTINUO_AU_ABI_H
#define CONTINUO_AU_ABI_H

#include <stdint.h>

typedef int32_t continuo_au_status;
typedef uint8_t continuo_au_boolean;

/* Four-character codes (OSType), big-endian in the integer as Apple writes them: 'aumi' = 0x61756D69. */
#define CONTINUO_AU_FOURCC(a, b, c, d) \
    (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (uint32_t)(d))
/* kAudioUnitType_MIDIProcessor */
#define CONTINUO_AU_TYPE_MIDI_PROCESSOR CONTINUO_AU_FOURCC('a', 'u', 'm', 'i')

/* AudioComponentDescription */
typedef struct continuo_au_description {
    uint32_t type;
    uint32_t subtype;
    uint32_t manufacturer;
    uint32_t flags;
    uint32_t flags_mask;
} continuo_au_description;

/* AudioComponentMethod: each selector's function has its own signature (below); hosts cast back to it. */
typedef continuo_au_status (*continuo_au_method)(void *self, ...);

/* AudioComponentPlugInInterface: the object a factory returns; its address is `self` in every method. */
typedef struct continuo_au_plugin_interface {
    continuo_au_status (*open)(void *self, void *component_instance);
    continuo_au_status (*close)(void *self);
    continuo_au_method (*lookup)(int16_t selector);
    void *reserved;
} continuo_au_plugin_interface;

/* AudioComponentFactoryFunction: named in Info.plist (AudioComponents: factoryFunction). */
typedef continuo_au_plugin_interface *(*continuo_au_factory)(const continuo_au_description *description);

/* Selectors (AUComponent.h, MusicDevice.h). */
enum {
    CONTINUO_AU_INITIALIZE = 0x0001,
    CONTINUO_AU_UNINITIALIZE = 0x0002,
    CONTINUO_AU_GET_PROPERTY_INFO = 0x0003,
    CONTINUO_AU_GET_PROPERTY = 0x0004,
    CONTINUO_AU_SET_PROPERTY = 0x0005,
    CONTINUO_AU_GET_PARAMETER = 0x0006,
    CONTINUO_AU_SET_PARAMETER = 0x0007,
    CONTINUO_AU_RESET = 0x0009,
    CONTINUO_AU_ADD_PROPERTY_LISTENER = 0x000A,
    CONTINUO_AU_REMOVE_PROPERTY_LISTENER = 0x000B,
    CONTINUO_AU_RENDER = 0x000E,
    CONTINUO_AU_REMOVE_PROPERTY_LISTENER_WITH_USER_DATA = 0x0012,
    CONTINUO_AU_MIDI_EVENT = 0x0101, /* kMusicDeviceMIDIEventSelect */
};

/* AudioUnitScope */
enum { CONTINUO_AU_SCOPE_GLOBAL = 0, CONTINUO_AU_SCOPE_INPUT = 1, CONTINUO_AU_SCOPE_OUTPUT = 2 };

/* AudioUnitPropertyID values used (AudioUnitProperties.h). */
enum {
    CONTINUO_AU_PROPERTY_CLASS_INFO = 0,            /* CFPropertyListRef (a CFDictionary): the saved state */
    CONTINUO_AU_PROPERTY_SAMPLE_RATE = 2,           /* Float64 */
    CONTINUO_AU_PROPERTY_PARAMETER_LIST = 3,        /* UInt32[] */
    CONTINUO_AU_PROPERTY_PARAMETER_INFO = 4,        /* continuo_au_parameter_info, element = parameter id */
    CONTINUO_AU_PROPERTY_ELEMENT_COUNT = 11,        /* UInt32 */
    CONTINUO_AU_PROPERTY_LATENCY = 12,              /* Float64 seconds */
    CONTINUO_AU_PROPERTY_MAXIMUM_FRAMES = 14,       /* UInt32: kAudioUnitProperty_MaximumFramesPerSlice */
    CONTINUO_AU_PROPERTY_TAIL_TIME = 20,            /* Float64 seconds */
    CONTINUO_AU_PROPERTY_HOST_CALLBACKS = 27,       /* continuo_au_host_callbacks */
    CONTINUO_AU_PROPERTY_CURRENT_PRESET = 28,       /* continuo_au_preset; deprecated: the name is not retained */
    CONTINUO_AU_PROPERTY_PRESENT_PRESET = 36,       /* continuo_au_preset; got: the caller releases the name */
    CONTINUO_AU_PROPERTY_MIDI_OUTPUT_INFO = 47,     /* CFArrayRef of CFStringRef names; the host releases it */
    CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK = 48, /* continuo_au_midi_output, write only */
};

/* OSStatus values (noErr, kAudio_ParamError, kAudioUnitErr_*, badComponentSelector). */
enum {
    CONTINUO_AU_OK = 0,
    CONTINUO_AU_PARAM_ERROR = -50,
    CONTINUO_AU_MEM_FULL = -108, /* kAudio_MemFullError */
    CONTINUO_AU_ERR_INVALID_PROPERTY = -10879,
    CONTINUO_AU_ERR_INVALID_PARAMETER = -10878,
    CONTINUO_AU_ERR_INVALID_ELEMENT = -10877,
    CONTINUO_AU_ERR_FAILED_INITIALIZATION = -10875,
    CONTINUO_AU_ERR_TOO_MANY_FRAMES = -10874,
    CONTINUO_AU_ERR_UNINITIALIZED = -10867,
    CONTINUO_AU_ERR_INVALID_SCOPE = -10866,
    CONTINUO_AU_ERR_PROPERTY_NOT_WRITABLE = -10865,
    CONTINUO_AU_ERR_INVALID_PROPERTY_VALUE = -10851,
};

/* SMPTETime and AudioTimeStamp (CoreAudioTypes.h): 24 and 64 bytes. */
typedef struct continuo_au_smpte_time {
    int16_t subframes;
    int16_t subframe_divisor;
    uint32_t counter;
    uint32_t type;
    uint32_t flags;
    int16_t hours;
    int16_t minutes;
    int16_t seconds;
    int16_t frames;
} continuo_au_smpte_time;

typedef struct continuo_au_time_stamp {
    double sample_time;
    uint64_t host_time;
    double rate_scalar;
    uint64_t word_clock_time;
    continuo_au_smpte_time smpte_time;
    uint32_t flags;
    uint32_t reserved;
} continuo_au_time_stamp;

/* HostCallbackInfo: what the host offers for its transport; any procedure may be NULL, any out-pointer NULL. */
typedef continuo_au_status (*continuo_au_beat_and_tempo)(void *host, double *beat, double *tempo_bpm);
typedef continuo_au_status (*continuo_au_musical_time)(void *host, uint32_t *frames_to_next_beat,
                                                       float *numerator, uint32_t *denominator,
                                                       double *downbeat);
typedef continuo_au_status (*continuo_au_transport_state)(void *host, continuo_au_boolean *playing,
                                                          continuo_au_boolean *changed, double *sample_in_timeline,
                                                          continuo_au_boolean *cycling, double *cycle_start_beat,
                                                          double *cycle_end_beat);
typedef continuo_au_status (*continuo_au_transport_state2)(void *host, continuo_au_boolean *playing,
                                                           continuo_au_boolean *recording,
                                                           continuo_au_boolean *changed, double *sample_in_timeline,
                                                           continuo_au_boolean *cycling, double *cycle_start_beat,
                                                           double *cycle_end_beat);

typedef struct continuo_au_host_callbacks {
    void *host_user_data;
    continuo_au_beat_and_tempo beat_and_tempo;
    continuo_au_musical_time musical_time;
    continuo_au_transport_state transport_state;
    continuo_au_transport_state2 transport_state2;
} continuo_au_host_callbacks;

/*
 * MIDIPacket and MIDIPacketList (MIDIServices.h, packed to 4 bytes): a packet's time stamp, in MIDI output from an
 * audio unit, is the frame offset into the render call's buffer. Packets follow each other; on ARM each starts at
 * a multiple of 4 bytes (MIDIPacketNext).
 */
#pragma pack(push, 4)
typedef struct continuo_au_midi_packet {
    uint64_t time_stamp;
    uint16_t length;
    uint8_t data[256];
} continuo_au_midi_packet;

typedef struct continuo_au_midi_packet_list {
    uint32_t packet_count;
    continuo_au_midi_packet packets[1];
} continuo_au_midi_packet_list;
#pragma pack(pop)

/* AUMIDIOutputCallbackStruct */
typedef continuo_au_status (*continuo_au_midi_output_proc)(void *user_data, const continuo_au_time_stamp *time,
                                                           uint32_t output, const continuo_au_midi_packet_list *list);
typedef struct continuo_au_midi_output {
    continuo_au_midi_output_proc proc;
    void *user_data;
} continuo_au_midi_output;

/*
 * CoreFoundation (CFBase.h, CFString.h, CFArray.h, CFDictionary.h, CFNumber.h, CFData.h): opaque references and
 * the functions used, with Apple's names and signatures.
 */
typedef const void *CFTypeRef;
typedef const void *CFPropertyListRef;
typedef const struct __CFString *CFStringRef;
typedef const struct __CFArray *CFArrayRef;
typedef const struct __CFDictionary *CFDictionaryRef;
typedef struct __CFDictionary *CFMutableDictionaryRef;
typedef const struct __CFNumber *CFNumberRef;
typedef const struct __CFData *CFDataRef;
typedef const struct __CFAllocator *CFAllocatorRef;
typedef long CFIndex;
typedef unsigned long CFTypeID;
typedef CFIndex CFNumberType;
typedef struct continuo_au_cf_array_callbacks {
    CFIndex version;
    const void *retain;
    const void *release;
    const void *copy_description;
    const void *equal;
} continuo_au_cf_array_callbacks;
#define CONTINUO_AU_CF_UTF8 0x08000100u /* kCFStringEncodingUTF8 */
extern const continuo_au_cf_array_callbacks kCFTypeArrayCallBacks;
CFStringRef CFStringCreateWithCString(CFAllocatorRef allocator, const char *text, uint32_t encoding);
CFArrayRef CFArrayCreate(CFAllocatorRef allocator, const void **values, CFIndex count,
                         const continuo_au_cf_array_callbacks *callbacks);
void CFRelease(CFTypeRef object);
CFTypeRef CFRetain(CFTypeRef object);
CFTypeID CFGetTypeID(CFTypeRef object);
CFTypeID CFStringGetTypeID(void);

/* CFDictionaryKeyCallBacks and CFDictionaryValueCallBacks; kCFType…: retain, release and compare CF objects. */
typedef struct continuo_au_cf_dictionary_key_callbacks {
    CFIndex version;
    const void *retain;
    const void *release;
    const void *copy_description;
    const void *equal;
    const void *hash;
} continuo_au_cf_dictionary_key_callbacks;
typedef continuo_au_cf_array_callbacks continuo_au_cf_dictionary_value_callbacks; /* the same five fields */
extern const continuo_au_cf_dictionary_key_callbacks kCFTypeDictionaryKeyCallBacks;
extern const continuo_au_cf_dictionary_value_callbacks kCFTypeDictionaryValueCallBacks;
CFMutableDictionaryRef CFDictionaryCreateMutable(CFAllocatorRef allocator, CFIndex capacity,
                                                 const continuo_au_cf_dictionary_key_callbacks *keys,
                                                 const continuo_au_cf_dictionary_value_callbacks *values);
void CFDictionarySetValue(CFMutableDictionaryRef dictionary, const void *key, const void *value);
const void *CFDictionaryGetValue(CFDictionaryRef dictionary, const void *key);
CFTypeID CFDictionaryGetTypeID(void);

#define CONTINUO_AU_CF_NUMBER_SINT32 3 /* kCFNumberSInt32Type */
CFNumberRef CFNumberCreate(CFAllocatorRef allocator, CFNumberType type, const void *value);
continuo_au_boolean CFNumberGetValue(CFNumberRef number, CFNumberType type, void *value);
CFTypeID CFNumberGetTypeID(void);

CFDataRef CFDataCreate(CFAllocatorRef allocator, const uint8_t *bytes, CFIndex length);
CFIndex CFDataGetLength(CFDataRef data);
const uint8_t *CFDataGetBytePtr(CFDataRef data);
CFTypeID CFDataGetTypeID(void);

/*
 * The keys of an AU preset's dictionary (AudioUnitProperties.h: kAUPresetVersionKey and its neighbours), and the
 * version AudioToolbox's own units write (0). Continuo's state (core/state.h) goes under a key of its own.
 */
#define CONTINUO_AU_PRESET_VERSION_KEY "version"
#define CONTINUO_AU_PRESET_TYPE_KEY "type"
#define CONTINUO_AU_PRESET_SUBTYPE_KEY "subtype"
#define CONTINUO_AU_PRESET_MANUFACTURER_KEY "manufacturer"
#define CONTINUO_AU_PRESET_NAME_KEY "name"
#define CONTINUO_AU_PRESET_VERSION 0

/* AUPreset: a negative number is a user preset, 0 and up a factory preset. */
typedef struct continuo_au_preset {
    int32_t number;
    CFStringRef name;
} continuo_au_preset;

/* AudioUnitParameterInfo (the name in `name`, no CFString), with its units and flags. */
typedef struct continuo_au_parameter_info {
    char name[52];
    CFStringRef unit_name;
    uint32_t clump_id;
    CFStringRef cf_name;
    uint32_t unit;
    float min_value;
    float max_value;
    float default_value;
    uint32_t flags;
} continuo_au_parameter_info;

enum { CONTINUO_AU_UNIT_GENERIC = 0, CONTINUO_AU_UNIT_INDEXED = 1, CONTINUO_AU_UNIT_BOOLEAN = 2 };
#define CONTINUO_AU_PARAMETER_READABLE (1u << 30)
#define CONTINUO_AU_PARAMETER_WRITABLE (1u << 31)

#endif
