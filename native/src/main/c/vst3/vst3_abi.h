/*
 * The part of the VST3 ABI this plug-in uses, declared from Steinberg's public interface definitions
 * (pluginterfaces: funknown, ibstream, ipluginbase, ivstcomponent, ivstaudioprocessor, ivsteditcontroller,
 * ivstparameterchanges, ivstevents, ivstprocesscontext; the same layouts as the generated C API). No SDK header is included or copied.
 *
 * Linux rules the declarations follow: interfaces are COM-style objects whose first field points to a table of
 * functions, the FUnknown three first; no calling-convention attribute; structures have natural alignment (the SDK
 * packs only on Windows and macOS); a TUID's 16 bytes are its four 32-bit words in big-endian order (the SDK's
 * non-COM layout); results are small integers (0 is ok and true, 1 false, -1 no interface).
 */
#ifndef CONTINUO_VST3_ABI_H
#define CONTINUO_VST3_ABI_H

#include <stdint.h>

typedef int32_t continuo_vst3_result;
typedef char continuo_vst3_tuid[16];
typedef uint16_t continuo_vst3_char16; /* UTF-16 code unit: names in bus and class infos */

#define CONTINUO_VST3_OK 0
#define CONTINUO_VST3_TRUE 0
#define CONTINUO_VST3_FALSE 1
#define CONTINUO_VST3_NO_INTERFACE (-1)
#define CONTINUO_VST3_INVALID_ARGUMENT 2
#define CONTINUO_VST3_NOT_IMPLEMENTED 3

/* A TUID from the four words the specification writes it as. */
#define CONTINUO_VST3_UID(l1, l2, l3, l4)                                                                        \
    {                                                                                                          \
        (char)((l1) >> 24), (char)((l1) >> 16), (char)((l1) >> 8), (char)(l1), (char)((l2) >> 24),             \
            (char)((l2) >> 16), (char)((l2) >> 8), (char)(l2), (char)((l3) >> 24), (char)((l3) >> 16),         \
            (char)((l3) >> 8), (char)(l3), (char)((l4) >> 24), (char)((l4) >> 16), (char)((l4) >> 8),          \
            (char)(l4)                                                                                         \
    }

#define CONTINUO_VST3_FUNKNOWN_IID CONTINUO_VST3_UID(0x00000000u, 0x00000000u, 0xC0000000u, 0x00000046u)
#define CONTINUO_VST3_PLUGIN_BASE_IID CONTINUO_VST3_UID(0x22888DDBu, 0x156E45AEu, 0x8358B348u, 0x08190625u)
#define CONTINUO_VST3_FACTORY_IID CONTINUO_VST3_UID(0x7A4D811Cu, 0x52114A1Fu, 0xAED9D2EEu, 0x0B43BF9Fu)
#define CONTINUO_VST3_FACTORY2_IID CONTINUO_VST3_UID(0x0007B650u, 0xF24B4C0Bu, 0xA464EDB9u, 0xF00B2ABBu)
#define CONTINUO_VST3_FACTORY3_IID CONTINUO_VST3_UID(0x4555A2ABu, 0xC1234E57u, 0x9B122910u, 0x36878931u)
#define CONTINUO_VST3_COMPONENT_IID CONTINUO_VST3_UID(0xE831FF31u, 0xF2D54301u, 0x928EBBEEu, 0x25697802u)
#define CONTINUO_VST3_AUDIO_PROCESSOR_IID CONTINUO_VST3_UID(0x42043F99u, 0xB7DA453Cu, 0xA569E79Du, 0x9AAEC33Du)
#define CONTINUO_VST3_EDIT_CONTROLLER_IID CONTINUO_VST3_UID(0xDCD7BBE3u, 0x7742448Du, 0xA874AACCu, 0x979C759Eu)
#define CONTINUO_VST3_EVENT_LIST_IID CONTINUO_VST3_UID(0x3A2C4214u, 0x346349FEu, 0xB2C4F397u, 0xB9695A44u)

/* Every interface begins with these three. */
#define CONTINUO_VST3_FUNKNOWN_METHODS                                                                          \
    continuo_vst3_result (*query_interface)(void *self, const continuo_vst3_tuid iid, void **object);          \
    uint32_t (*add_ref)(void *self);                                                                           \
    uint32_t (*release)(void *self)

typedef struct continuo_vst3_funknown_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
} continuo_vst3_funknown_vtable;

typedef struct continuo_vst3_funknown {
    const continuo_vst3_funknown_vtable *vtable;
} continuo_vst3_funknown;

/* ibstream: the host's stream for a project's state. read gives 0 bytes at its end. */
typedef struct continuo_vst3_stream_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
    continuo_vst3_result (*read)(void *self, void *buffer, int32_t bytes, int32_t *bytes_read);
    continuo_vst3_result (*write)(void *self, void *buffer, int32_t bytes, int32_t *bytes_written);
    continuo_vst3_result (*seek)(void *self, int64_t position, int32_t mode, int64_t *result);
    continuo_vst3_result (*tell)(void *self, int64_t *position);
} continuo_vst3_stream_vtable;

typedef struct continuo_vst3_stream {
    const continuo_vst3_stream_vtable *vtable;
} continuo_vst3_stream;

/* ipluginbase: the factory and its class descriptions. */
typedef struct continuo_vst3_factory_info {
    char vendor[64];
    char url[256];
    char email[128];
    int32_t flags;
} continuo_vst3_factory_info;

#define CONTINUO_VST3_FACTORY_UNICODE (1 << 4)
#define CONTINUO_VST3_MANY_INSTANCES 0x7FFFFFFF

typedef struct continuo_vst3_class_info {
    continuo_vst3_tuid cid;
    int32_t cardinality;
    char category[32];
    char name[64];
} continuo_vst3_class_info;

typedef struct continuo_vst3_class_info2 {
    continuo_vst3_tuid cid;
    int32_t cardinality;
    char category[32];
    char name[64];
    uint32_t class_flags;
    char sub_categories[128];
    char vendor[64];
    char version[64];
    char sdk_version[64];
} continuo_vst3_class_info2;

typedef struct continuo_vst3_class_info_w {
    continuo_vst3_tuid cid;
    int32_t cardinality;
    char category[32];
    continuo_vst3_char16 name[64];
    uint32_t class_flags;
    char sub_categories[128];
    continuo_vst3_char16 vendor[64];
    continuo_vst3_char16 version[64];
    continuo_vst3_char16 sdk_version[64];
} continuo_vst3_class_info_w;

/* IPluginFactory, IPluginFactory2 and IPluginFactory3 in one table: each extends the one before. */
typedef struct continuo_vst3_factory_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
    continuo_vst3_result (*get_factory_info)(void *self, continuo_vst3_factory_info *info);
    int32_t (*count_classes)(void *self);
    continuo_vst3_result (*get_class_info)(void *self, int32_t index, continuo_vst3_class_info *info);
    continuo_vst3_result (*create_instance)(void *self, const char *cid, const char *iid, void **object);
    continuo_vst3_result (*get_class_info2)(void *self, int32_t index, continuo_vst3_class_info2 *info);
    continuo_vst3_result (*get_class_info_unicode)(void *self, int32_t index, continuo_vst3_class_info_w *info);
    continuo_vst3_result (*set_host_context)(void *self, continuo_vst3_funknown *context);
} continuo_vst3_factory_vtable;

/* ivstcomponent. */
enum { CONTINUO_VST3_AUDIO = 0, CONTINUO_VST3_EVENT = 1 };  /* MediaType */
enum { CONTINUO_VST3_INPUT = 0, CONTINUO_VST3_OUTPUT = 1 }; /* BusDirection */
enum { CONTINUO_VST3_MAIN_BUS = 0 };                        /* BusType */
#define CONTINUO_VST3_BUS_DEFAULT_ACTIVE 1u

typedef struct continuo_vst3_bus_info {
    int32_t media_type;
    int32_t direction;
    int32_t channel_count;
    continuo_vst3_char16 name[128];
    int32_t bus_type;
    uint32_t flags;
} continuo_vst3_bus_info;

typedef struct continuo_vst3_routing_info {
    int32_t media_type;
    int32_t bus_index;
    int32_t channel;
} continuo_vst3_routing_info;

/* IComponent: IPluginBase's two methods, then its own. The state goes through IBStream. */
typedef struct continuo_vst3_component_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
    continuo_vst3_result (*initialize)(void *self, continuo_vst3_funknown *context);
    continuo_vst3_result (*terminate)(void *self);
    continuo_vst3_result (*get_controller_class_id)(void *self, continuo_vst3_tuid class_id);
    continuo_vst3_result (*set_io_mode)(void *self, int32_t mode);
    int32_t (*get_bus_count)(void *self, int32_t media_type, int32_t direction);
    continuo_vst3_result (*get_bus_info)(void *self, int32_t media_type, int32_t direction, int32_t index,
                                         continuo_vst3_bus_info *bus);
    continuo_vst3_result (*get_routing_info)(void *self, continuo_vst3_routing_info *in,
                                             continuo_vst3_routing_info *out);
    continuo_vst3_result (*activate_bus)(void *self, int32_t media_type, int32_t direction, int32_t index,
                                         uint8_t state);
    continuo_vst3_result (*set_active)(void *self, uint8_t state);
    continuo_vst3_result (*set_state)(void *self, continuo_vst3_stream *stream);
    continuo_vst3_result (*get_state)(void *self, continuo_vst3_stream *stream);
} continuo_vst3_component_vtable;

/* ivstevents: an event is a header and one of these bodies (the union is 24 bytes, 8-aligned; 48 in all). */
enum {
    CONTINUO_VST3_NOTE_ON = 0,
    CONTINUO_VST3_NOTE_OFF = 1,
    CONTINUO_VST3_POLY_PRESSURE = 3,
    CONTINUO_VST3_LEGACY_MIDI_CC_OUT = 65535,
};
#define CONTINUO_VST3_CTRL_PROGRAM_CHANGE 130 /* LegacyMIDICCOutEvent's control number for a program change */

typedef struct continuo_vst3_note_on {
    int16_t channel;
    int16_t pitch;
    float tuning;   /* cents */
    float velocity; /* 0 to 1 */
    int32_t length; /* frames, 0 when unknown */
    int32_t note_id;
} continuo_vst3_note_on;

typedef struct continuo_vst3_note_off {
    int16_t channel;
    int16_t pitch;
    float velocity;
    int32_t note_id;
    float tuning;
} continuo_vst3_note_off;

typedef struct continuo_vst3_poly_pressure {
    int16_t channel;
    int16_t pitch;
    float pressure;
    int32_t note_id;
} continuo_vst3_poly_pressure;

typedef struct continuo_vst3_legacy_midi_cc_out {
    uint8_t control_number;
    int8_t channel;
    int8_t value;
    int8_t value2;
} continuo_vst3_legacy_midi_cc_out;

typedef struct continuo_vst3_event {
    int32_t bus_index;
    int32_t sample_offset;
    double ppq_position; /* quarter notes from the project start */
    uint16_t flags;
    uint16_t type;
    union {
        continuo_vst3_note_on note_on;
        continuo_vst3_note_off note_off;
        continuo_vst3_poly_pressure poly_pressure;
        continuo_vst3_legacy_midi_cc_out midi_cc_out;
        struct {
            uint64_t reserved[3]; /* the largest bodies (note expression text, data with a pointer) */
        } other;
    };
} continuo_vst3_event;

typedef struct continuo_vst3_event_list_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
    int32_t (*get_event_count)(void *self);
    continuo_vst3_result (*get_event)(void *self, int32_t index, continuo_vst3_event *event);
    continuo_vst3_result (*add_event)(void *self, continuo_vst3_event *event);
} continuo_vst3_event_list_vtable;

typedef struct continuo_vst3_event_list {
    const continuo_vst3_event_list_vtable *vtable;
} continuo_vst3_event_list;

/* ivstprocesscontext. */
#define CONTINUO_VST3_PLAYING (1u << 1)
#define CONTINUO_VST3_CYCLE_ACTIVE (1u << 2)
#define CONTINUO_VST3_PROJECT_TIME_MUSIC_VALID (1u << 9)
#define CONTINUO_VST3_TEMPO_VALID (1u << 10)
#define CONTINUO_VST3_BAR_POSITION_VALID (1u << 11)
#define CONTINUO_VST3_TIME_SIG_VALID (1u << 13)

typedef struct continuo_vst3_process_context {
    uint32_t state;
    double sample_rate;
    int64_t project_time_samples;
    int64_t system_time;
    int64_t continuous_time_samples;
    double project_time_music; /* quarter notes */
    double bar_position_music; /* quarter notes at the last bar start */
    double cycle_start_music;
    double cycle_end_music;
    double tempo; /* quarter notes per minute */
    int32_t time_sig_numerator;
    int32_t time_sig_denominator;
    struct {
        uint8_t key_note;
        uint8_t root_note;
        int16_t chord_mask;
    } chord;
    int32_t smpte_offset_subframes;
    struct {
        uint32_t frames_per_second;
        uint32_t flags;
    } frame_rate;
    int32_t samples_to_next_clock;
} continuo_vst3_process_context;

/* ivstaudioprocessor. */
enum { CONTINUO_VST3_SAMPLE32 = 0, CONTINUO_VST3_SAMPLE64 = 1 };

typedef struct continuo_vst3_process_setup {
    int32_t process_mode;
    int32_t symbolic_sample_size;
    int32_t max_samples_per_block;
    double sample_rate;
} continuo_vst3_process_setup;

typedef struct continuo_vst3_audio_bus_buffers {
    int32_t channel_count;
    uint64_t silence_flags;
    void **channel_buffers;
} continuo_vst3_audio_bus_buffers;

/* ivstparameterchanges: the host's parameter changes for one block, a queue of points per parameter. */
typedef struct continuo_vst3_param_value_queue_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
    uint32_t (*get_parameter_id)(void *self);
    int32_t (*get_point_count)(void *self);
    continuo_vst3_result (*get_point)(void *self, int32_t index, int32_t *sample_offset, double *value);
    continuo_vst3_result (*add_point)(void *self, int32_t sample_offset, double value, int32_t *index);
} continuo_vst3_param_value_queue_vtable;

typedef struct continuo_vst3_param_value_queue {
    const continuo_vst3_param_value_queue_vtable *vtable;
} continuo_vst3_param_value_queue;

typedef struct continuo_vst3_parameter_changes_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
    int32_t (*get_parameter_count)(void *self);
    continuo_vst3_param_value_queue *(*get_parameter_data)(void *self, int32_t index);
    continuo_vst3_param_value_queue *(*add_parameter_data)(void *self, const uint32_t *id, int32_t *index);
} continuo_vst3_parameter_changes_vtable;

typedef struct continuo_vst3_parameter_changes {
    const continuo_vst3_parameter_changes_vtable *vtable;
} continuo_vst3_parameter_changes;

typedef struct continuo_vst3_process_data {
    int32_t process_mode;
    int32_t symbolic_sample_size;
    int32_t sample_count;
    int32_t input_count;
    int32_t output_count;
    continuo_vst3_audio_bus_buffers *inputs;
    continuo_vst3_audio_bus_buffers *outputs;
    continuo_vst3_parameter_changes *input_parameter_changes;
    continuo_vst3_parameter_changes *output_parameter_changes;
    continuo_vst3_event_list *input_events;
    continuo_vst3_event_list *output_events;
    continuo_vst3_process_context *context;
} continuo_vst3_process_data;

typedef uint64_t continuo_vst3_speaker_arrangement;

typedef struct continuo_vst3_audio_processor_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
    continuo_vst3_result (*set_bus_arrangements)(void *self, continuo_vst3_speaker_arrangement *inputs,
                                                 int32_t input_count, continuo_vst3_speaker_arrangement *outputs,
                                                 int32_t output_count);
    continuo_vst3_result (*get_bus_arrangement)(void *self, int32_t direction, int32_t index,
                                                continuo_vst3_speaker_arrangement *arrangement);
    continuo_vst3_result (*can_process_sample_size)(void *self, int32_t symbolic_sample_size);
    uint32_t (*get_latency_samples)(void *self);
    continuo_vst3_result (*setup_processing)(void *self, continuo_vst3_process_setup *setup);
    continuo_vst3_result (*set_processing)(void *self, uint8_t state);
    continuo_vst3_result (*process)(void *self, continuo_vst3_process_data *data);
    uint32_t (*get_tail_samples)(void *self);
} continuo_vst3_audio_processor_vtable;

/* ivsteditcontroller: a parameter as the host shows it (the view is opaque: no editor). */
enum continuo_vst3_parameter_flags {
    CONTINUO_VST3_PARAM_CAN_AUTOMATE = 1 << 0,
};

typedef struct continuo_vst3_parameter_info {
    uint32_t id;
    continuo_vst3_char16 title[128];
    continuo_vst3_char16 short_title[128];
    continuo_vst3_char16 units[128];
    int32_t step_count; /* 0: continuous */
    double default_normalized_value;
    int32_t unit_id;
    int32_t flags;
} continuo_vst3_parameter_info;

typedef struct continuo_vst3_edit_controller_vtable {
    CONTINUO_VST3_FUNKNOWN_METHODS;
    continuo_vst3_result (*initialize)(void *self, continuo_vst3_funknown *context);
    continuo_vst3_result (*terminate)(void *self);
    continuo_vst3_result (*set_component_state)(void *self, continuo_vst3_stream *stream);
    continuo_vst3_result (*set_state)(void *self, continuo_vst3_stream *stream);
    continuo_vst3_result (*get_state)(void *self, continuo_vst3_stream *stream);
    int32_t (*get_parameter_count)(void *self);
    continuo_vst3_result (*get_parameter_info)(void *self, int32_t index, continuo_vst3_parameter_info *info);
    continuo_vst3_result (*get_param_string_by_value)(void *self, uint32_t id, double normalized,
                                                      continuo_vst3_char16 *string128);
    continuo_vst3_result (*get_param_value_by_string)(void *self, uint32_t id, continuo_vst3_char16 *string,
                                                      double *normalized);
    double (*normalized_param_to_plain)(void *self, uint32_t id, double normalized);
    double (*plain_param_to_normalized)(void *self, uint32_t id, double plain);
    double (*get_param_normalized)(void *self, uint32_t id);
    continuo_vst3_result (*set_param_normalized)(void *self, uint32_t id, double value);
    continuo_vst3_result (*set_component_handler)(void *self, continuo_vst3_funknown *handler);
    void *(*create_view)(void *self, const char *name);
} continuo_vst3_edit_controller_vtable;

#endif
