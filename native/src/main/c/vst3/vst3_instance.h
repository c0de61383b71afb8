/*
 * The VST3 plug-in object, shared by the shim's files: continuo_vst3.c (the object and its component),
 * vst3_processor.c (its audio processor), vst3_controller.c (its edit controller) and vst3_factory.c (the
 * module's factory).
 *
 * Each interface of the object is a field pointing to its function table; a method finds the object from the
 * field's address (CONTINUO_VST3_FROM).
 */
#ifndef CONTINUO_VST3_INSTANCE_H
#define CONTINUO_VST3_INSTANCE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "host_clock.h"
#include "plugin_core.h"
#include "vst3_abi.h"

#define CONTINUO_VST3_MELODY_EVENTS 512u
#define CONTINUO_VST3_OUTPUT_EVENTS 2048u

typedef struct continuo_vst3_instance {
    const continuo_vst3_component_vtable *component;
    const continuo_vst3_audio_processor_vtable *processor;
    const continuo_vst3_edit_controller_vtable *controller;
    atomic_uint references;
    /*
     * Made when first needed (activation, a saved state, a parameter), not at creation: hosts create instances
     * to scan them. Main thread.
     */
    continuo_core *core;
    double sample_rate;
    continuo_host_clock clock;
    double tempo_bpm;
    uint8_t beats_per_bar;
    uint8_t beat_unit;
    continuo_midi_event melody[CONTINUO_VST3_MELODY_EVENTS];
    continuo_midi_event output[CONTINUO_VST3_OUTPUT_EVENTS];
} continuo_vst3_instance;

#define CONTINUO_VST3_FROM(field, self)                                                                         \
    ((continuo_vst3_instance *)((char *)(self) - offsetof(continuo_vst3_instance, field)))

/* The class's identifier, made once for Continuo; hosts save it in projects, so it never changes. */
extern const continuo_vst3_tuid continuo_vst3_class_id;
extern const continuo_vst3_audio_processor_vtable continuo_vst3_processor_vtable;
extern const continuo_vst3_edit_controller_vtable continuo_vst3_controller_vtable;

/* A new object with one reference, or NULL when out of memory (main thread). */
continuo_vst3_instance *continuo_vst3_create(void);

/* FUnknown of the object, any thread: query takes a reference on success; release frees at the last one. */
continuo_vst3_result continuo_vst3_query(continuo_vst3_instance *plugin, const continuo_vst3_tuid iid, void **object);
uint32_t continuo_vst3_add_ref(continuo_vst3_instance *plugin);
uint32_t continuo_vst3_release(continuo_vst3_instance *plugin);

/* The core, made now if it was not (main thread); NULL when out of memory. */
continuo_core *continuo_vst3_core(continuo_vst3_instance *plugin);

/* A parameter's value (the table's default while there is no core yet), and setting one (main thread). */
double continuo_vst3_param(const continuo_vst3_instance *plugin, uint32_t id);
void continuo_vst3_set_param(continuo_vst3_instance *plugin, uint32_t id, double value);

int continuo_vst3_same_id(const char *a, const char *b);
void continuo_vst3_utf16(continuo_vst3_char16 *target, size_t capacity, const char *text);

/* The three FUnknown methods of the interface in `field`, as functions for its table. */
#define CONTINUO_VST3_FUNKNOWN_THUNKS(field)                                                                    \
    static continuo_vst3_result field##_query(void *self, const continuo_vst3_tuid iid, void **object)      \
    {                                                                                                          \
        return continuo_vst3_query(CONTINUO_VST3_FROM(field, self), iid, object);                              \
    }                                                                                                          \
    static uint32_t field##_add_ref(void *self)                                                                \
    {                                                                                                          \
        return continuo_vst3_add_ref(CONTINUO_VST3_FROM(field, self));                                         \
    }                                                                                                          \
    static uint32_t field##_release(void *self)                                                                \
    {                                                                                                          \
        return continuo_vst3_release(CONTINUO_VST3_FROM(field, self));                                         \
    }

#endif
