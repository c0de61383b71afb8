/*
 * The part of the LV2 ABI this plug-in uses, declared from the public specification (lv2plug.in/ns: lv2core,
 * urid, atom, midi, time, state). Layouts are those the specification fixes; no LV2 header is included or copied.
 */
#ifndef CONTINUO_LV2_ABI_H
#define CONTINUO_LV2_ABI_H

#include <stddef.h>
#include <stdint.h>

#define CONTINUO_LV2_CORE "http://lv2plug.in/ns/lv2core#"
#define CONTINUO_LV2_URID_MAP "http://lv2plug.in/ns/ext/urid#map"
#define CONTINUO_LV2_ATOM "http://lv2plug.in/ns/ext/atom#"
#define CONTINUO_LV2_MIDI_EVENT "http://lv2plug.in/ns/ext/midi#MidiEvent"
#define CONTINUO_LV2_TIME "http://lv2plug.in/ns/ext/time#"
#define CONTINUO_LV2_STATE_INTERFACE "http://lv2plug.in/ns/ext/state#interface"

typedef void *continuo_lv2_handle;

/* lv2core: a host feature, passed to instantiate as a NULL-terminated array. */
typedef struct continuo_lv2_feature {
    const char *URI;
    void *data;
} continuo_lv2_feature;

/* lv2core: what lv2_descriptor(index) returns. */
typedef struct continuo_lv2_descriptor {
    const char *URI;
    continuo_lv2_handle (*instantiate)(const struct continuo_lv2_descriptor *descriptor, double sample_rate,
                                       const char *bundle_path, const continuo_lv2_feature *const *features);
    void (*connect_port)(continuo_lv2_handle instance, uint32_t port, void *data_location);
    void (*activate)(continuo_lv2_handle instance);
    void (*run)(continuo_lv2_handle instance, uint32_t sample_count);
    void (*deactivate)(continuo_lv2_handle instance);
    void (*cleanup)(continuo_lv2_handle instance);
    const void *(*extension_data)(const char *uri);
} continuo_lv2_descriptor;

/* urid#map: the feature's data. */
typedef struct continuo_lv2_urid_map {
    void *handle;
    uint32_t (*map)(void *handle, const char *uri);
} continuo_lv2_urid_map;

/* atom: every atom is a header, then size bytes of body; atoms in a sequence or object are padded to 8 bytes. */
typedef struct continuo_lv2_atom {
    uint32_t size; /* body bytes */
    uint32_t type; /* a URID */
} continuo_lv2_atom;

/* atom:Sequence body header; events follow, each a 64-bit time stamp (frames, when unit is 0) and an atom. */
typedef struct continuo_lv2_sequence {
    continuo_lv2_atom atom;
    uint32_t unit;
    uint32_t pad;
} continuo_lv2_sequence;

typedef struct continuo_lv2_event {
    int64_t frames;
    continuo_lv2_atom body;
} continuo_lv2_event;

/* atom:Object body header; properties follow, each key, context and an atom. */
typedef struct continuo_lv2_object {
    continuo_lv2_atom atom;
    uint32_t id;
    uint32_t otype;
} continuo_lv2_object;

typedef struct continuo_lv2_property {
    uint32_t key;
    uint32_t context;
    continuo_lv2_atom value;
} continuo_lv2_property;

/* state: what save and restore return, and how a stored value may be kept. */
enum continuo_lv2_state_status {
    CONTINUO_LV2_STATE_SUCCESS = 0,
    CONTINUO_LV2_STATE_ERR_UNKNOWN = 1,
    CONTINUO_LV2_STATE_ERR_BAD_TYPE = 2,
    CONTINUO_LV2_STATE_ERR_NO_PROPERTY = 5
};

enum continuo_lv2_state_flags {
    CONTINUO_LV2_STATE_IS_POD = 1,     /* plain old data: may be copied byte for byte */
    CONTINUO_LV2_STATE_IS_PORTABLE = 2 /* the same on every machine */
};

typedef int (*continuo_lv2_state_store)(void *handle, uint32_t key, const void *value, size_t size, uint32_t type,
                                        uint32_t flags);
typedef const void *(*continuo_lv2_state_retrieve)(void *handle, uint32_t key, size_t *size, uint32_t *type,
                                                   uint32_t *flags);

/* state#interface: the plug-in's extension data. */
typedef struct continuo_lv2_state_interface {
    int (*save)(continuo_lv2_handle instance, continuo_lv2_state_store store, void *handle, uint32_t flags,
                const continuo_lv2_feature *const *features);
    int (*restore)(continuo_lv2_handle instance, continuo_lv2_state_retrieve retrieve, void *handle, uint32_t flags,
                   const continuo_lv2_feature *const *features);
} continuo_lv2_state_interface;

static inline uint32_t continuo_lv2_pad(uint32_t size)
{
    return (size + 7u) & ~7u;
}

#endif
