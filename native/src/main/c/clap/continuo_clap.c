/*
 * The CLAP shim: a note effect with one MIDI-dialect note input (the melody) and one output (the accompaniment),
 * following the host's transport (clap_process.transport). Its only work is translating CLAP events and the
 * transport to the core's and back; the core does the rest.
 *
 * The extensions (note-ports, params, state) are clap_extensions.c's; the descriptor, factory and entry
 * clap_entry.c's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clap_instance.h"


typedef continuo_clap_instance instance;

static instance *self_of(const continuo_clap_plugin *plugin)
{
    return continuo_clap_of(plugin);
}

/* Main thread: starts the core and its background thread, which connects to the engine. */
static bool init(const continuo_clap_plugin *plugin)
{
    instance *self = self_of(plugin);
    self->core = continuo_core_create("clap");
    return self->core != NULL;
}

/* Main thread; the host may skip deactivate before it. */
static void destroy(const continuo_clap_plugin *plugin)
{
    instance *self = self_of(plugin);
    continuo_core_destroy(self->core);
    free(self);
}

/* Main thread. Everything the audio thread uses is inside the instance already: nothing to allocate. */
static bool activate(const continuo_clap_plugin *plugin, double sample_rate, uint32_t min_frames, uint32_t max_frames)
{
    (void)min_frames;
    (void)max_frames;
    instance *self = self_of(plugin);
    if (!(sample_rate > 0.0)) {
        return false;
    }
    self->sample_rate = sample_rate;
    self->clock.was_rolling = 0;
    return true;
}

/* Main thread, while no process call runs: notes still sounding end at the first frame of the next block. */
static void deactivate(const continuo_clap_plugin *plugin)
{
    continuo_core_deactivate(self_of(plugin)->core);
}

/* Audio thread. */
static bool start_processing(const continuo_clap_plugin *plugin)
{
    (void)plugin;
    return true;
}

/* Audio thread: the host will not call process for a while; the notes end when it does. */
static void stop_processing(const continuo_clap_plugin *plugin)
{
    continuo_core_deactivate(self_of(plugin)->core);
}

/* Audio thread: every sounding note ends at the next block's first frame. */
static void reset(const continuo_clap_plugin *plugin)
{
    continuo_core_deactivate(self_of(plugin)->core);
}

/* Bytes of a channel message by its status; 0 for what the melody cannot carry (system messages, data bytes). */
static uint8_t channel_message_size(uint8_t status)
{
    uint8_t type = status & 0xF0;
    if (status < 0x80 || type == 0xF0) {
        return 0;
    }
    return type == 0xC0 || type == 0xD0 ? 2 : 3;
}

static int add_melody(instance *self, uint32_t count, uint32_t frame, uint8_t size, const uint8_t bytes[3])
{
    if (size == 0 || count == CONTINUO_CLAP_MELODY_EVENTS) {
        return 0;
    }
    continuo_midi_event *event = &self->melody[count];
    event->offset_frames = frame;
    event->size = size;
    memcpy(event->bytes, bytes, 3);
    if (size < 3) {
        event->bytes[2] = 0;
    }
    return 1;
}

/* A CLAP-dialect note as MIDI bytes (hosts may send them to a MIDI port): velocity 0..1 to 1..127 (note-on). */
static void note_bytes(const continuo_clap_event_note *note, int on, uint8_t bytes[3])
{
    long velocity = lround(note->velocity * 127.0);
    velocity = velocity < (on ? 1 : 0) ? (on ? 1 : 0) : (velocity > 127 ? 127 : velocity);
    bytes[0] = (uint8_t)((on ? 0x90 : 0x80) | (note->channel & 0x0F));
    bytes[1] = (uint8_t)(note->key & 0x7F);
    bytes[2] = (uint8_t)velocity;
}

/* The block's melody: MIDI events and CLAP notes on the input port, clamped into the block. */
static uint32_t read_events(instance *self, const continuo_clap_input_events *events, uint32_t frames)
{
    uint32_t count = 0;
    uint32_t size = events != NULL ? events->size(events) : 0;
    for (uint32_t i = 0; i < size; i++) {
        const continuo_clap_event_header *header = events->get(events, i);
        if (header == NULL || header->space_id != CONTINUO_CLAP_CORE_EVENT_SPACE) {
            continue;
        }
        uint32_t frame = header->time < frames ? header->time : frames - 1;
        uint8_t bytes[3];
        if (header->type == CONTINUO_CLAP_EVENT_MIDI) {
            const continuo_clap_event_midi *midi = (const continuo_clap_event_midi *)header;
            memcpy(bytes, midi->data, 3);
            count += add_melody(self, count, frame, channel_message_size(bytes[0]), bytes);
        } else if (header->type == CONTINUO_CLAP_EVENT_PARAM_VALUE) {
            const continuo_clap_event_param_value *change = (const continuo_clap_event_param_value *)header;
            continuo_core_set_param(self->core, change->param_id, change->value);
        } else if (header->type == CONTINUO_CLAP_EVENT_NOTE_ON || header->type == CONTINUO_CLAP_EVENT_NOTE_OFF) {
            const continuo_clap_event_note *note = (const continuo_clap_event_note *)header;
            if (note->key >= 0 && note->channel >= 0) {
                note_bytes(note, header->type == CONTINUO_CLAP_EVENT_NOTE_ON, bytes);
                count += add_melody(self, count, frame, 3, bytes);
            }
        }
        /*
         * A transport event inside the block is not split out: the core takes one transport per block, and the
         * next block's clap_process.transport carries the change.
         */
    }
    return count;
}

/* The block's transport from the host's at its first frame; without one (free running), stopped where it was. */
static continuo_transport transport(instance *self, const continuo_clap_event_transport *host, uint32_t frames)
{
    continuo_transport block = {0};
    block.frames = frames;
    block.sample_rate = self->sample_rate;
    int placed = 0;
    double beat = 0.0;
    if (host != NULL) {
        if ((host->flags & CONTINUO_CLAP_TRANSPORT_HAS_TEMPO) != 0 && host->tempo > 0.0) {
            self->tempo_bpm = host->tempo;
        }
        if ((host->flags & CONTINUO_CLAP_TRANSPORT_HAS_TIME_SIGNATURE) != 0 && host->tsig_num > 0
            && host->tsig_denom > 0) {
            self->beats_per_bar = (uint8_t)(host->tsig_num > 255 ? 255 : host->tsig_num);
            self->beat_unit = (uint8_t)(host->tsig_denom > 255 ? 255 : host->tsig_denom);
        }
        block.rolling = (host->flags & CONTINUO_CLAP_TRANSPORT_IS_PLAYING) != 0;
        if ((host->flags & CONTINUO_CLAP_TRANSPORT_HAS_BEATS_TIMELINE) != 0) {
            beat = (double)host->song_pos_beats / (double)CONTINUO_CLAP_FIXED_POINT_ONE;
            placed = 1;
        }
    }
    continuo_host_clock_place(&self->clock, &block, placed, beat);
    block.tempo_bpm = self->tempo_bpm;
    block.beats_per_bar = self->beats_per_bar;
    block.beat_unit = self->beat_unit;
    return block;
}

/* The core's output, sorted by frame already, as MIDI events on the output port. */
static void write_events(const continuo_midi_output *output, const continuo_clap_output_events *events)
{
    if (events == NULL) {
        return;
    }
    for (uint32_t i = 0; i < output->count; i++) {
        const continuo_midi_event *source = &output->events[i];
        continuo_clap_event_midi event = {0};
        event.header.size = sizeof event;
        event.header.time = source->offset_frames;
        event.header.space_id = CONTINUO_CLAP_CORE_EVENT_SPACE;
        event.header.type = CONTINUO_CLAP_EVENT_MIDI;
        memcpy(event.data, source->bytes, 3);
        if (!events->try_push(events, &event.header)) {
            return; /* the host's list is full: later events would arrive out of order or not at all */
        }
    }
}

/* Audio thread: never allocates, locks or blocks. */
static int32_t process(const continuo_clap_plugin *plugin, const continuo_clap_process *process)
{
    instance *self = self_of(plugin);
    uint32_t frames = process->frames_count;
    if (frames == 0) {
        return CONTINUO_CLAP_PROCESS_CONTINUE;
    }
    uint32_t melody_count = read_events(self, process->in_events, frames);
    continuo_transport block = transport(self, process->transport, frames);
    continuo_midi_output output = {self->output, CONTINUO_CLAP_OUTPUT_EVENTS, 0, 0};
    continuo_core_process(self->core, &block, self->melody, melody_count, &output);
    write_events(&output, process->out_events);
    continuo_host_clock_advance(&self->clock, &block);
    return CONTINUO_CLAP_PROCESS_CONTINUE;
}

/* Main thread: the plug-in never asks for a callback. */
static void on_main_thread(const continuo_clap_plugin *plugin)
{
    (void)plugin;
}

const continuo_clap_plugin *continuo_clap_create(const continuo_clap_host *host)
{
    instance *self = calloc(1, sizeof *self);
    if (self == NULL) {
        return NULL;
    }
    self->host = host;
    self->tempo_bpm = 120.0;
    self->beats_per_bar = 4;
    self->beat_unit = 4;
    self->plugin = (continuo_clap_plugin){
        &continuo_clap_descriptor_continuo, self, init, destroy, activate, deactivate, start_processing,
        stop_processing, reset, process, continuo_clap_get_extension, on_main_thread,
    };
    return &self->plugin;
}
