/*
 * The AU instance, shared by the shim's files: continuo_au.c (lifecycle, parameters, MIDI in, Render, the
 * factory), au_properties.c (the properties) and au_class_info.c (the project state and the current preset).
 */
#ifndef CONTINUO_AU_INSTANCE_H
#define CONTINUO_AU_INSTANCE_H

#include <stdint.h>

#include "au_abi.h"
#include "host_clock.h"
#include "plugin_core.h"

#define CONTINUO_AU_MELODY_EVENTS 512u
#define CONTINUO_AU_OUTPUT_EVENTS 2048u
/* A packet of one channel message: time stamp, length, three bytes, padding to 4. */
#define CONTINUO_AU_PACKET_BYTES 16u

/* The component's description, as Info.plist gives it; a saved state names it and is refused for another. */
#define CONTINUO_AU_SUBTYPE CONTINUO_AU_FOURCC('C', 'n', 't', 'o')
#define CONTINUO_AU_MANUFACTURER CONTINUO_AU_FOURCC('C', 'n', 't', 'u')

typedef struct continuo_au_instance {
    continuo_au_plugin_interface plugin; /* first: hosts pass its address as self */
    continuo_core *core;                 /* made at Initialize, a parameter or a saved state; main thread */
    int initialized;
    double sample_rate;
    uint32_t maximum_frames;
    continuo_au_host_callbacks host;
    continuo_au_midi_output midi_output;
    CFStringRef preset_name; /* the current (user) preset's, retained; NULL: "Untitled" */
    double tempo_bpm;        /* as last reported; the host may not say every buffer */
    uint8_t beats_per_bar;
    uint8_t beat_unit;
    continuo_host_clock clock;
    uint32_t melody_count;
    continuo_midi_event melody[CONTINUO_AU_MELODY_EVENTS];
    continuo_midi_event output[CONTINUO_AU_OUTPUT_EVENTS];
    _Alignas(8) uint8_t packets[sizeof(uint32_t) + CONTINUO_AU_OUTPUT_EVENTS * CONTINUO_AU_PACKET_BYTES];
} continuo_au_instance;

/* The core, made now if it was not (main thread); NULL when out of memory. */
continuo_core *continuo_au_core(continuo_au_instance *plugin);

/* The selectors' property functions (au_properties.c); main thread. */
continuo_au_status continuo_au_get_property_info(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                                 uint32_t *size, continuo_au_boolean *writable);
continuo_au_status continuo_au_get_property(void *self, uint32_t id, uint32_t scope, uint32_t element, void *data,
                                            uint32_t *size);
continuo_au_status continuo_au_set_property(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                            const void *data, uint32_t size);

/*
 * kAudioUnitProperty_ClassInfo (au_class_info.c), main thread. save makes a new dictionary (the caller releases
 * it); restore takes a whole, valid state or changes nothing and returns kAudioUnitErr_InvalidPropertyValue.
 */
continuo_au_status continuo_au_save_class_info(continuo_au_instance *plugin, CFPropertyListRef *list);
continuo_au_status continuo_au_restore_class_info(continuo_au_instance *plugin, CFPropertyListRef list);

/* The current preset (PresentPreset, CurrentPreset): got with the name retained if retain; set user presets only. */
continuo_au_status continuo_au_get_preset(continuo_au_instance *plugin, continuo_au_preset *preset, int retain);
continuo_au_status continuo_au_set_preset(continuo_au_instance *plugin, const continuo_au_preset *preset);

#endif
