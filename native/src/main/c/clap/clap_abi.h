/*
 * The part of the CLAP 1.x ABI this plug-in and our test host use, declared from the public specification
 * (github.com/free-audio/clap, include/clap: entry, plugin factory, plugin, host, process, events, note-ports,
 * params, state, streams).
 * Names are ours; layouts, constants and identifiers are those the specification fixes (natural C alignment,
 * no calling-convention attribute on Linux). No CLAP header is included or copied.
 */
#ifndef CONTINUO_CLAP_ABI_H
#define CONTINUO_CLAP_ABI_H

#include <stdbool.h>
#include <stdint.h>

#define CONTINUO_CLAP_VERSION_MAJOR 1u
#define CONTINUO_CLAP_VERSION_MINOR 2u
#define CONTINUO_CLAP_VERSION_REVISION 0u

#define CONTINUO_CLAP_PLUGIN_FACTORY_ID "clap.plugin-factory"
#define CONTINUO_CLAP_EXT_NOTE_PORTS "clap.note-ports"
#define CONTINUO_CLAP_EXT_PARAMS "clap.params"
#define CONTINUO_CLAP_EXT_STATE "clap.state"
#define CONTINUO_CLAP_FEATURE_NOTE_EFFECT "note-effect"

/* Positions in beats (quarter notes) and seconds are fixed point: value x 2^31. */
#define CONTINUO_CLAP_FIXED_POINT_ONE ((int64_t)1 << 31)

#define CONTINUO_CLAP_NAME_SIZE 256u
#define CONTINUO_CLAP_PATH_SIZE 1024u
#define CONTINUO_CLAP_INVALID_ID UINT32_MAX

typedef struct continuo_clap_version {
    uint32_t major;
    uint32_t minor;
    uint32_t revision;
} continuo_clap_version;

/* A plug-in speaks to hosts of major version 1 and later. */
static inline bool continuo_clap_version_compatible(continuo_clap_version version)
{
    return version.major >= 1u;
}

/* What the shared object exports as the data symbol "clap_entry". init/deinit run on the host's main thread. */
typedef struct continuo_clap_entry {
    continuo_clap_version clap_version;
    bool (*init)(const char *plugin_path);
    void (*deinit)(void);
    const void *(*get_factory)(const char *factory_id);
} continuo_clap_entry;

typedef struct continuo_clap_descriptor {
    continuo_clap_version clap_version;
    const char *id;
    const char *name;
    const char *vendor;
    const char *url;
    const char *manual_url;
    const char *support_url;
    const char *version;
    const char *description;
    const char *const *features; /* NULL-terminated */
} continuo_clap_descriptor;

/* The host as the plug-in sees it. Callbacks are thread-safe unless the specification says otherwise. */
typedef struct continuo_clap_host {
    continuo_clap_version clap_version;
    void *host_data;
    const char *name;
    const char *vendor;
    const char *url;
    const char *version;
    const void *(*get_extension)(const struct continuo_clap_host *host, const char *extension_id);
    void (*request_restart)(const struct continuo_clap_host *host);
    void (*request_process)(const struct continuo_clap_host *host);
    void (*request_callback)(const struct continuo_clap_host *host);
} continuo_clap_host;

/* Every event starts with this header; size counts the whole event. */
typedef struct continuo_clap_event_header {
    uint32_t size;
    uint32_t time; /* frame offset in the block */
    uint16_t space_id;
    uint16_t type;
    uint32_t flags;
} continuo_clap_event_header;

#define CONTINUO_CLAP_CORE_EVENT_SPACE 0u

enum continuo_clap_event_type {
    CONTINUO_CLAP_EVENT_NOTE_ON = 0,
    CONTINUO_CLAP_EVENT_NOTE_OFF = 1,
    CONTINUO_CLAP_EVENT_NOTE_CHOKE = 2,
    CONTINUO_CLAP_EVENT_NOTE_END = 3,
    CONTINUO_CLAP_EVENT_NOTE_EXPRESSION = 4,
    CONTINUO_CLAP_EVENT_PARAM_VALUE = 5,
    CONTINUO_CLAP_EVENT_PARAM_MOD = 6,
    CONTINUO_CLAP_EVENT_PARAM_GESTURE_BEGIN = 7,
    CONTINUO_CLAP_EVENT_PARAM_GESTURE_END = 8,
    CONTINUO_CLAP_EVENT_TRANSPORT = 9,
    CONTINUO_CLAP_EVENT_MIDI = 10,
    CONTINUO_CLAP_EVENT_MIDI_SYSEX = 11,
    CONTINUO_CLAP_EVENT_MIDI2 = 12,
};

/* Note events of the CLAP dialect (a host may send them even to a MIDI-dialect port). */
typedef struct continuo_clap_event_note {
    continuo_clap_event_header header;
    int32_t note_id;
    int16_t port_index;
    int16_t channel;  /* 0..15 */
    int16_t key;      /* 0..127 */
    double velocity;  /* 0..1 */
} continuo_clap_event_note;

enum continuo_clap_transport_flags {
    CONTINUO_CLAP_TRANSPORT_HAS_TEMPO = 1u << 0,
    CONTINUO_CLAP_TRANSPORT_HAS_BEATS_TIMELINE = 1u << 1,
    CONTINUO_CLAP_TRANSPORT_HAS_SECONDS_TIMELINE = 1u << 2,
    CONTINUO_CLAP_TRANSPORT_HAS_TIME_SIGNATURE = 1u << 3,
    CONTINUO_CLAP_TRANSPORT_IS_PLAYING = 1u << 4,
    CONTINUO_CLAP_TRANSPORT_IS_RECORDING = 1u << 5,
    CONTINUO_CLAP_TRANSPORT_IS_LOOP_ACTIVE = 1u << 6,
    CONTINUO_CLAP_TRANSPORT_IS_WITHIN_PRE_ROLL = 1u << 7,
};

/* The transport at a block's first frame (clap_process.transport) or as an event within it. */
typedef struct continuo_clap_event_transport {
    continuo_clap_event_header header;
    uint32_t flags;
    int64_t song_pos_beats;   /* fixed point, quarter notes */
    int64_t song_pos_seconds; /* fixed point */
    double tempo;             /* quarter notes per minute */
    double tempo_inc;         /* per frame, until the next transport */
    int64_t loop_start_beats;
    int64_t loop_end_beats;
    int64_t loop_start_seconds;
    int64_t loop_end_seconds;
    int64_t bar_start; /* fixed point beats of the current bar's start */
    int32_t bar_number;
    uint16_t tsig_num;
    uint16_t tsig_denom;
} continuo_clap_event_transport;

/* A parameter's new value (from the host's automation or controls), in its plain units. */
typedef struct continuo_clap_event_param_value {
    continuo_clap_event_header header;
    uint32_t param_id;
    void *cookie;
    int32_t note_id;
    int16_t port_index;
    int16_t channel;
    int16_t key;
    double value;
} continuo_clap_event_param_value;

typedef struct continuo_clap_event_midi {
    continuo_clap_event_header header;
    uint16_t port_index;
    uint8_t data[3];
} continuo_clap_event_midi;

/* The host's events for one block, sorted by time. */
typedef struct continuo_clap_input_events {
    void *ctx;
    uint32_t (*size)(const struct continuo_clap_input_events *list);
    const continuo_clap_event_header *(*get)(const struct continuo_clap_input_events *list, uint32_t index);
} continuo_clap_input_events;

/* The plug-in pushes its events in time order; the host copies each one. */
typedef struct continuo_clap_output_events {
    void *ctx;
    bool (*try_push)(const struct continuo_clap_output_events *list, const continuo_clap_event_header *event);
} continuo_clap_output_events;

typedef struct continuo_clap_audio_buffer {
    float **data32;
    double **data64;
    uint32_t channel_count;
    uint32_t latency;
    uint64_t constant_mask;
} continuo_clap_audio_buffer;

typedef struct continuo_clap_process {
    int64_t steady_time; /* frames since the host began, or -1 */
    uint32_t frames_count;
    const continuo_clap_event_transport *transport; /* NULL: a free-running host */
    const continuo_clap_audio_buffer *audio_inputs;
    continuo_clap_audio_buffer *audio_outputs;
    uint32_t audio_inputs_count;
    uint32_t audio_outputs_count;
    const continuo_clap_input_events *in_events;
    const continuo_clap_output_events *out_events;
} continuo_clap_process;

enum continuo_clap_process_status {
    CONTINUO_CLAP_PROCESS_ERROR = 0,
    CONTINUO_CLAP_PROCESS_CONTINUE = 1,
    CONTINUO_CLAP_PROCESS_CONTINUE_IF_NOT_QUIET = 2,
    CONTINUO_CLAP_PROCESS_TAIL = 3,
    CONTINUO_CLAP_PROCESS_SLEEP = 4,
};

/* One instance. Thread rules per call are given where the shim defines them. */
typedef struct continuo_clap_plugin {
    const continuo_clap_descriptor *desc;
    void *plugin_data;
    bool (*init)(const struct continuo_clap_plugin *plugin);
    void (*destroy)(const struct continuo_clap_plugin *plugin);
    bool (*activate)(const struct continuo_clap_plugin *plugin, double sample_rate, uint32_t min_frames,
                     uint32_t max_frames);
    void (*deactivate)(const struct continuo_clap_plugin *plugin);
    bool (*start_processing)(const struct continuo_clap_plugin *plugin);
    void (*stop_processing)(const struct continuo_clap_plugin *plugin);
    void (*reset)(const struct continuo_clap_plugin *plugin);
    int32_t (*process)(const struct continuo_clap_plugin *plugin, const continuo_clap_process *process);
    const void *(*get_extension)(const struct continuo_clap_plugin *plugin, const char *id);
    void (*on_main_thread)(const struct continuo_clap_plugin *plugin);
} continuo_clap_plugin;

/* What get_factory(CONTINUO_CLAP_PLUGIN_FACTORY_ID) returns. Main thread. */
typedef struct continuo_clap_plugin_factory {
    uint32_t (*get_plugin_count)(const struct continuo_clap_plugin_factory *factory);
    const continuo_clap_descriptor *(*get_plugin_descriptor)(const struct continuo_clap_plugin_factory *factory,
                                                             uint32_t index);
    const continuo_clap_plugin *(*create_plugin)(const struct continuo_clap_plugin_factory *factory,
                                                 const continuo_clap_host *host, const char *plugin_id);
} continuo_clap_plugin_factory;

enum continuo_clap_note_dialect {
    CONTINUO_CLAP_NOTE_DIALECT_CLAP = 1u << 0,
    CONTINUO_CLAP_NOTE_DIALECT_MIDI = 1u << 1,
    CONTINUO_CLAP_NOTE_DIALECT_MIDI_MPE = 1u << 2,
    CONTINUO_CLAP_NOTE_DIALECT_MIDI2 = 1u << 3,
};

typedef struct continuo_clap_note_port_info {
    uint32_t id;
    uint32_t supported_dialects;
    uint32_t preferred_dialect;
    char name[CONTINUO_CLAP_NAME_SIZE];
} continuo_clap_note_port_info;

/* The note-ports extension. Main thread. */
typedef struct continuo_clap_plugin_note_ports {
    uint32_t (*count)(const continuo_clap_plugin *plugin, bool is_input);
    bool (*get)(const continuo_clap_plugin *plugin, uint32_t index, bool is_input, continuo_clap_note_port_info *info);
} continuo_clap_plugin_note_ports;

enum continuo_clap_param_flags {
    CONTINUO_CLAP_PARAM_IS_STEPPED = 1u << 0,
    CONTINUO_CLAP_PARAM_IS_AUTOMATABLE = 1u << 5,
};

typedef struct continuo_clap_param_info {
    uint32_t id;
    uint32_t flags;
    void *cookie;
    char name[CONTINUO_CLAP_NAME_SIZE];
    char module[CONTINUO_CLAP_PATH_SIZE];
    double min_value;
    double max_value;
    double default_value;
} continuo_clap_param_info;

/* The params extension: all main thread but flush ([active ? audio thread : main thread], never during process). */
typedef struct continuo_clap_plugin_params {
    uint32_t (*count)(const continuo_clap_plugin *plugin);
    bool (*get_info)(const continuo_clap_plugin *plugin, uint32_t index, continuo_clap_param_info *info);
    bool (*get_value)(const continuo_clap_plugin *plugin, uint32_t id, double *value);
    bool (*value_to_text)(const continuo_clap_plugin *plugin, uint32_t id, double value, char *text,
                          uint32_t capacity);
    bool (*text_to_value)(const continuo_clap_plugin *plugin, uint32_t id, const char *text, double *value);
    void (*flush)(const continuo_clap_plugin *plugin, const continuo_clap_input_events *in,
                  const continuo_clap_output_events *out);
} continuo_clap_plugin_params;

enum continuo_clap_param_rescan_flags {
    CONTINUO_CLAP_PARAM_RESCAN_VALUES = 1u << 0,
};

/* The host's side of params (get_extension(CONTINUO_CLAP_EXT_PARAMS) on the host). Main thread. */
typedef struct continuo_clap_host_params {
    void (*rescan)(const continuo_clap_host *host, uint32_t flags);
    void (*clear)(const continuo_clap_host *host, uint32_t id, uint32_t flags);
    void (*request_flush)(const continuo_clap_host *host);
} continuo_clap_host_params;

/* Streams: read returns the bytes read, 0 at the end, -1 on error; write the bytes written or -1. */
typedef struct continuo_clap_istream {
    void *ctx;
    int64_t (*read)(const struct continuo_clap_istream *stream, void *buffer, uint64_t size);
} continuo_clap_istream;

typedef struct continuo_clap_ostream {
    void *ctx;
    int64_t (*write)(const struct continuo_clap_ostream *stream, const void *buffer, uint64_t size);
} continuo_clap_ostream;

/* The state extension. Main thread. */
typedef struct continuo_clap_plugin_state {
    bool (*save)(const continuo_clap_plugin *plugin, const continuo_clap_ostream *stream);
    bool (*load)(const continuo_clap_plugin *plugin, const continuo_clap_istream *stream);
} continuo_clap_plugin_state;

#endif
