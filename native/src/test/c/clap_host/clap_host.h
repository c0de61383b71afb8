/*
 * Our own small CLAP host (no CLAP host is packaged on Debian here): loads a .clap (or takes an entry linked into
 * the program), checks its entry, factory, descriptor and note ports, instantiates and activates it, and runs
 * blocks with the transport and MIDI it is given, collecting what the plug-in pushes out. Used by the C unit tests,
 * the command-line host (main.c) and the benchmark. Allocates nothing after instantiation.
 *
 * Threads: one thread does everything, as main thread and audio thread in turn (the plug-in cannot tell).
 */
#ifndef CONTINUO_CLAP_HOST_H
#define CONTINUO_CLAP_HOST_H

#include <stdint.h>

#include "clap_abi.h"

#define CLAP_HOST_EVENTS 4096u

typedef struct clap_host_plugin {
    void *library; /* from dlopen; NULL for an entry linked in */
    const continuo_clap_entry *entry;
    const continuo_clap_plugin_factory *factory;
    const continuo_clap_descriptor *descriptor;
} clap_host_plugin;

/* One event of the host's input list: what the host may send. */
typedef union clap_host_input_event {
    continuo_clap_event_header header;
    continuo_clap_event_midi midi;
    continuo_clap_event_note note;
    continuo_clap_event_param_value param;
} clap_host_input_event;

/* One event the plug-in pushed, with its frame in the block. */
typedef struct clap_host_output_event {
    uint32_t time;
    uint16_t type;
    uint8_t data[3];
} clap_host_output_event;

typedef struct clap_host_instance {
    continuo_clap_host host; /* handed to the plug-in; host_data points back here */
    const continuo_clap_plugin *plugin;
    continuo_clap_input_events in;
    continuo_clap_output_events out;
    clap_host_input_event inputs[CLAP_HOST_EVENTS];
    uint32_t input_count;
    clap_host_output_event outputs[CLAP_HOST_EVENTS];
    uint32_t output_count;
    uint32_t block_frames;
    int64_t steady_time;
    /* Over the instance's life: events pushed out of time order or outside their block, and pushes refused. */
    uint32_t misordered;
    uint32_t refused;
} clap_host_instance;

/* Loads path with dlopen and checks it (as clap_host_use). Returns NULL, or a one-line reason. */
const char *clap_host_load(clap_host_plugin *plugin, const char *path);

/* Checks entry (version, init, the plug-in factory, exactly one note-effect descriptor). NULL, or the reason. */
const char *clap_host_use(clap_host_plugin *plugin, const continuo_clap_entry *entry, const char *path);

/* Calls deinit and unloads. */
void clap_host_unload(clap_host_plugin *plugin);

/*
 * Creates and initializes an instance, checks its note ports (one in, one out, MIDI dialect), activates it at
 * sample_rate for blocks of min_frames..max_frames and starts processing. NULL, or the reason.
 */
const char *clap_host_instantiate(const clap_host_plugin *plugin, clap_host_instance *instance, double sample_rate,
                                  uint32_t min_frames, uint32_t max_frames);

/* Stops processing, deactivates and destroys. */
void clap_host_release(clap_host_instance *instance);

/* Adds a MIDI event (port 0) or a CLAP-dialect note to the next block's input; inputs must come in time order. */
void clap_host_add_midi(clap_host_instance *instance, uint32_t time, uint8_t status, uint8_t data1, uint8_t data2);
void clap_host_add_note(clap_host_instance *instance, int on, uint32_t time, int16_t channel, int16_t key,
                        double velocity);

/* Adds a parameter change (its plain value) to the next block's input. */
void clap_host_add_param(clap_host_instance *instance, uint32_t time, uint32_t id, double value);

/*
 * Runs one block (transport may be NULL: a free-running host), empties the input and leaves the block's output in
 * instance->outputs. Returns the plug-in's process status.
 */
int32_t clap_host_process(clap_host_instance *instance, uint32_t frames,
                          const continuo_clap_event_transport *transport);

#endif
