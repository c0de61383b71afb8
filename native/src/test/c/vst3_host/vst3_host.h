/*
 * The VST3 tests' stand-in host: the module's entry points, the objects behind its interface pointers, a host's
 * event lists, and one instance made, set up, activated, processed in blocks of 256 frames and closed as hosts do.
 */
#ifndef CONTINUO_TEST_VST3_HOST_H
#define CONTINUO_TEST_VST3_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "vst3_abi.h"

bool ModuleEntry(void *library);
bool ModuleExit(void);
const void *GetPluginFactory(void);

/* A host's event list: a fixed array, as hosts keep them. */
#define VST3_HOST_LIST_EVENTS 256

typedef struct event_list {
    const continuo_vst3_event_list_vtable *vtable;
    int32_t count;
    continuo_vst3_event events[VST3_HOST_LIST_EVENTS];
} event_list;

/* The object behind each interface pointer: its first field is the table. */
typedef struct component {
    const continuo_vst3_component_vtable *vtable;
} component;

typedef struct processor {
    const continuo_vst3_audio_processor_vtable *vtable;
} processor;

typedef struct controller {
    const continuo_vst3_edit_controller_vtable *vtable;
} controller;

typedef struct factory {
    const continuo_vst3_factory_vtable *vtable;
} factory;

typedef struct host {
    component *component;
    processor *processor;
    event_list in, out;
    continuo_vst3_process_context context;
} host;

/* The module's factory (checked to be an IPluginFactory3). */
factory *vst3_host_factory(void);
/* Creates, initializes, sets up at sample_rate, activates and starts processing one instance (120 bpm, 4/4). */
void vst3_host_open(host *plugin, double sample_rate);
/* One block of 256 frames with what was put in plugin->in; the output is in plugin->out until the next. */
void vst3_host_process(host *plugin);
/* Stops, deactivates, terminates and releases (checking the last reference goes). */
void vst3_host_close(host *plugin);
/* A note-on or note-off into the next block's input, on channel 1. */
void vst3_host_add_note(host *plugin, int32_t offset, uint16_t type, int16_t pitch, float velocity);

#endif
