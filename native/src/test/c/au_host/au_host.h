/*
 * The AU tests' stand-in host: one unit from ContinuoAUFactory, its selectors looked up as a host does, host
 * callbacks giving a transport at a constant tempo, and a MIDI output callback collecting what comes out at the
 * timeline's frames. No Audio Unit host runs on Linux; this is what the C tests call the shim's entry points from.
 */
#ifndef CONTINUO_TEST_AU_HOST_H
#define CONTINUO_TEST_AU_HOST_H

#include <stdint.h>

#include "au_abi.h"

#define AU_HOST_RATE 48000.0
#define AU_HOST_TEMPO 120.0
#define AU_HOST_BUFFER 256u
#define AU_HOST_HEARD 512

typedef continuo_au_status (*au_initialize_fn)(void *self);
typedef continuo_au_status (*au_property_info_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                                  uint32_t *size, continuo_au_boolean *writable);
typedef continuo_au_status (*au_get_property_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                                 void *data, uint32_t *size);
typedef continuo_au_status (*au_set_property_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                                 const void *data, uint32_t size);
typedef continuo_au_status (*au_get_parameter_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                                  float *value);
typedef continuo_au_status (*au_set_parameter_fn)(void *self, uint32_t id, uint32_t scope, uint32_t element,
                                                  float value, uint32_t offset);
typedef continuo_au_status (*au_reset_fn)(void *self, uint32_t scope, uint32_t element);
typedef continuo_au_status (*au_render_fn)(void *self, uint32_t *flags, const continuo_au_time_stamp *time,
                                           uint32_t bus, uint32_t frames, void *buffers);
typedef continuo_au_status (*au_midi_event_fn)(void *self, uint32_t status, uint32_t data1, uint32_t data2,
                                               uint32_t offset);

typedef struct au_heard {
    long frame; /* the timeline's */
    uint8_t data[3];
} au_heard;

typedef struct au_host {
    continuo_au_plugin_interface *unit;
    au_initialize_fn initialize, uninitialize;
    au_property_info_fn property_info;
    au_get_property_fn get_property;
    au_set_property_fn set_property;
    au_get_parameter_fn get_parameter;
    au_set_parameter_fn set_parameter;
    au_reset_fn reset;
    au_render_fn render;
    au_midi_event_fn midi_event;
    long frame; /* the timeline's frame at the next buffer */
    int playing;
    au_heard out[AU_HOST_HEARD];
    int heard;
    int misstamped; /* packets whose time stamp is outside their buffer, or output numbers other than 0 */
} au_host;

/* The component's description as Info.plist gives it. */
extern const continuo_au_description AU_HOST_MIDI_PROCESSOR;

continuo_au_plugin_interface *ContinuoAUFactory(const continuo_au_description *description);

/* Makes and opens a unit and looks up every selector; 0 if any is missing. */
int au_host_open(au_host *host);

/* Sets the host callbacks, the MIDI output callback and the sample rate (checked). */
void au_host_connect(au_host *host);

/* One buffer (checked to render); the timeline moves on while playing. */
void au_host_render(au_host *host);

/* au_host_render with an untyped host, for engine_side_await_block. */
void au_host_render_block(void *host);

/* Note-ons minus note-offs heard on the channel of this status byte. */
int au_host_sounding(const au_host *host, uint8_t status);

#endif
