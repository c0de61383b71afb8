/*
 * The VST3 object's audio processor: no audio buses, the process context to the core's transport, note events of
 * the input bus to its melody, its output to note events (program changes as LegacyMIDICCOutEvent), and the
 * block's parameter changes. Setup on the host's main thread, process on its audio thread.
 */
#include <math.h>
#include <string.h>

#include "params.h"
#include "vst3_instance.h"

/* Hosts turn a velocity back into MIDI by truncating velocity x 127: a quarter step up keeps every value exact. */
#define VELOCITY_NUDGE 0.25f

CONTINUO_VST3_FUNKNOWN_THUNKS(processor)

static continuo_vst3_result set_bus_arrangements(void *self, continuo_vst3_speaker_arrangement *inputs,
                                                 int32_t input_count, continuo_vst3_speaker_arrangement *outputs,
                                                 int32_t output_count)
{
    (void)self;
    (void)inputs;
    (void)outputs;
    return input_count == 0 && output_count == 0 ? CONTINUO_VST3_TRUE : CONTINUO_VST3_FALSE;
}

static continuo_vst3_result get_bus_arrangement(void *self, int32_t direction, int32_t index,
                                                continuo_vst3_speaker_arrangement *arrangement)
{
    (void)self;
    (void)direction;
    (void)index;
    (void)arrangement;
    return CONTINUO_VST3_INVALID_ARGUMENT; /* no audio buses */
}

static continuo_vst3_result can_process_sample_size(void *self, int32_t size)
{
    (void)self;
    return size == CONTINUO_VST3_SAMPLE32 || size == CONTINUO_VST3_SAMPLE64 ? CONTINUO_VST3_TRUE
                                                                           : CONTINUO_VST3_FALSE;
}

static uint32_t no_samples(void *self)
{
    (void)self;
    return 0;
}

static continuo_vst3_result setup_processing(void *self, continuo_vst3_process_setup *setup)
{
    continuo_vst3_instance *plugin = CONTINUO_VST3_FROM(processor, self);
    if (setup == NULL || !(setup->sample_rate > 0.0)) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    plugin->sample_rate = setup->sample_rate;
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result set_processing(void *self, uint8_t state)
{
    (void)self;
    (void)state;
    return CONTINUO_VST3_OK;
}

static uint8_t midi_value(float normalized)
{
    float value = normalized * 127.0f + 0.5f;
    return (uint8_t)(value < 0.0f ? 0.0f : (value > 127.0f ? 127.0f : value));
}

/* The block's melody: note events of the input bus, as MIDI bytes at their frames. */
static uint32_t read_melody(continuo_vst3_instance *plugin, continuo_vst3_event_list *events, uint32_t frames)
{
    uint32_t count = 0;
    int32_t total = events == NULL ? 0 : events->vtable->get_event_count(events);
    for (int32_t i = 0; i < total && count < CONTINUO_VST3_MELODY_EVENTS; i++) {
        continuo_vst3_event event;
        if (events->vtable->get_event(events, i, &event) != CONTINUO_VST3_OK || event.bus_index != 0) {
            continue;
        }
        uint32_t frame = event.sample_offset < 0 ? 0
                         : (uint32_t)event.sample_offset >= frames ? frames - 1
                                                                    : (uint32_t)event.sample_offset;
        continuo_midi_event *note = &plugin->melody[count];
        note->offset_frames = frame;
        note->size = 3;
        if (event.type == CONTINUO_VST3_NOTE_ON) {
            note->bytes[0] = (uint8_t)(0x90 | (event.note_on.channel & 0x0F));
            note->bytes[1] = (uint8_t)(event.note_on.pitch & 0x7F);
            note->bytes[2] = midi_value(event.note_on.velocity);
        } else if (event.type == CONTINUO_VST3_NOTE_OFF) {
            note->bytes[0] = (uint8_t)(0x80 | (event.note_off.channel & 0x0F));
            note->bytes[1] = (uint8_t)(event.note_off.pitch & 0x7F);
            note->bytes[2] = midi_value(event.note_off.velocity);
        } else if (event.type == CONTINUO_VST3_POLY_PRESSURE) {
            note->bytes[0] = (uint8_t)(0xA0 | (event.poly_pressure.channel & 0x0F));
            note->bytes[1] = (uint8_t)(event.poly_pressure.pitch & 0x7F);
            note->bytes[2] = midi_value(event.poly_pressure.pressure);
        } else {
            continue;
        }
        count++;
    }
    return count;
}

/* The block's transport: the host's position where it gives one, else extrapolated from the last block. */
static continuo_transport transport(continuo_vst3_instance *plugin, const continuo_vst3_process_context *context,
                                    uint32_t frames)
{
    uint32_t state = context == NULL ? 0 : context->state;
    if (state & CONTINUO_VST3_TEMPO_VALID && context->tempo > 0.0) {
        plugin->tempo_bpm = context->tempo;
    }
    if (state & CONTINUO_VST3_TIME_SIG_VALID && context->time_sig_numerator > 0
        && context->time_sig_denominator > 0) {
        plugin->beats_per_bar = (uint8_t)(context->time_sig_numerator > 255 ? 255 : context->time_sig_numerator);
        plugin->beat_unit = (uint8_t)(context->time_sig_denominator > 255 ? 255 : context->time_sig_denominator);
    }
    continuo_transport block = {0};
    block.frames = frames;
    block.sample_rate = plugin->sample_rate;
    block.tempo_bpm = plugin->tempo_bpm;
    block.beats_per_bar = plugin->beats_per_bar;
    block.beat_unit = plugin->beat_unit;
    block.rolling = (state & CONTINUO_VST3_PLAYING) != 0;
    int placed = (state & CONTINUO_VST3_PROJECT_TIME_MUSIC_VALID) != 0;
    continuo_host_clock_place(&plugin->clock, &block, placed, placed ? context->project_time_music : 0.0);
    return block;
}

/* The core's MIDI bytes as VST3 events on the output bus; what VST3 cannot carry as an event is left out. */
static void write_output(const continuo_midi_output *output, continuo_vst3_event_list *events, double beat,
                         double beats_per_frame)
{
    if (events == NULL) {
        return;
    }
    for (uint32_t i = 0; i < output->count; i++) {
        const continuo_midi_event *midi = &output->events[i];
        uint8_t kind = midi->bytes[0] & 0xF0;
        int16_t channel = midi->bytes[0] & 0x0F;
        continuo_vst3_event event;
        memset(&event, 0, sizeof event);
        event.sample_offset = (int32_t)midi->offset_frames;
        event.ppq_position = beat + midi->offset_frames * beats_per_frame;
        if (kind == 0x90 && midi->bytes[2] > 0) {
            event.type = CONTINUO_VST3_NOTE_ON;
            event.note_on = (continuo_vst3_note_on){channel, midi->bytes[1], 0.0f,
                                                    fminf(1.0f, (midi->bytes[2] + VELOCITY_NUDGE) / 127.0f), 0, -1};
        } else if (kind == 0x80 || kind == 0x90) {
            event.type = CONTINUO_VST3_NOTE_OFF;
            event.note_off = (continuo_vst3_note_off){channel, midi->bytes[1],
                                                      fminf(1.0f, (midi->bytes[2] + VELOCITY_NUDGE) / 127.0f), -1,
                                                      0.0f};
        } else if (kind == 0xA0) {
            event.type = CONTINUO_VST3_POLY_PRESSURE;
            event.poly_pressure = (continuo_vst3_poly_pressure){
                channel, midi->bytes[1], fminf(1.0f, (midi->bytes[2] + VELOCITY_NUDGE) / 127.0f), -1};
        } else if (kind == 0xC0) {
            event.type = CONTINUO_VST3_LEGACY_MIDI_CC_OUT;
            event.midi_cc_out = (continuo_vst3_legacy_midi_cc_out){CONTINUO_VST3_CTRL_PROGRAM_CHANGE,
                                                                   (int8_t)channel, (int8_t)midi->bytes[1], 0};
        } else {
            continue;
        }
        events->vtable->add_event(events, &event);
    }
}

/* The block's parameter changes: each parameter takes its last point's value (normalized, over its range). */
static void read_parameters(continuo_vst3_instance *plugin, continuo_vst3_parameter_changes *changes)
{
    int32_t count = changes != NULL ? changes->vtable->get_parameter_count(changes) : 0;
    for (int32_t i = 0; i < count; i++) {
        continuo_vst3_param_value_queue *queue = changes->vtable->get_parameter_data(changes, i);
        const continuo_param_info *param = queue != NULL ? continuo_param_info_of(
                                                               queue->vtable->get_parameter_id(queue))
                                                         : NULL;
        int32_t points = param != NULL ? queue->vtable->get_point_count(queue) : 0;
        int32_t offset;
        double normalized;
        if (points > 0 && queue->vtable->get_point(queue, points - 1, &offset, &normalized) == CONTINUO_VST3_OK
            && isfinite(normalized)) {
            double share = normalized < 0.0 ? 0.0 : (normalized > 1.0 ? 1.0 : normalized);
            continuo_core_set_param(plugin->core, param->id, param->min + share * (param->max - param->min));
        }
    }
}

/* Called on the audio thread: never allocates, locks or blocks. */
static continuo_vst3_result process(void *self, continuo_vst3_process_data *data)
{
    continuo_vst3_instance *plugin = CONTINUO_VST3_FROM(processor, self);
    if (data == NULL || plugin->core == NULL) {
        return CONTINUO_VST3_OK; /* a host that processes before activating */
    }
    read_parameters(plugin, data->input_parameter_changes);
    if (data->sample_count <= 0 || !(plugin->sample_rate > 0.0)) {
        return CONTINUO_VST3_OK; /* a parameter flush */
    }
    uint32_t frames = (uint32_t)data->sample_count;
    uint32_t melody_count = read_melody(plugin, data->input_events, frames);
    continuo_transport block = transport(plugin, data->context, frames);
    continuo_midi_output output = {plugin->output, CONTINUO_VST3_OUTPUT_EVENTS, 0, 0};
    continuo_core_process(plugin->core, &block, plugin->melody, melody_count, &output);
    double beats_per_frame = block.tempo_bpm / 60.0 / plugin->sample_rate;
    write_output(&output, data->output_events, block.beat, beats_per_frame);
    continuo_host_clock_advance(&plugin->clock, &block);
    return CONTINUO_VST3_OK;
}

const continuo_vst3_audio_processor_vtable continuo_vst3_processor_vtable = {
    .query_interface = processor_query,
    .add_ref = processor_add_ref,
    .release = processor_release,
    .set_bus_arrangements = set_bus_arrangements,
    .get_bus_arrangement = get_bus_arrangement,
    .can_process_sample_size = can_process_sample_size,
    .get_latency_samples = no_samples,
    .setup_processing = setup_processing,
    .set_processing = set_processing,
    .process = process,
    .get_tail_samples = no_samples,
};
