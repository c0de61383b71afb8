/*
 * The CLAP plug-in instance, shared by the shim's files: continuo_clap.c (the plug-in: lifecycle, events,
 * transport, process), clap_extensions.c (note ports, params, state) and clap_entry.c (descriptor, factory,
 * clap_entry).
 */
#ifndef CONTINUO_CLAP_INSTANCE_H
#define CONTINUO_CLAP_INSTANCE_H

#include <stdint.h>

#include "clap_abi.h"
#include "host_clock.h"
#include "plugin_core.h"

#define CONTINUO_CLAP_PLUGIN_ID "dev.continuo.continuo"
#define CONTINUO_CLAP_MELODY_EVENTS 512u
#define CONTINUO_CLAP_OUTPUT_EVENTS 2048u

typedef struct continuo_clap_instance {
    continuo_clap_plugin plugin; /* what the host holds; plugin_data points back here */
    const continuo_clap_host *host;
    continuo_core *core;
    double sample_rate;
    /* The host's transport as last reported; hosts may leave out tempo or meter in a block. */
    double tempo_bpm;
    uint8_t beats_per_bar;
    uint8_t beat_unit;
    continuo_host_clock clock;
    continuo_midi_event melody[CONTINUO_CLAP_MELODY_EVENTS];
    continuo_midi_event output[CONTINUO_CLAP_OUTPUT_EVENTS];
} continuo_clap_instance;

extern const continuo_clap_descriptor continuo_clap_descriptor_continuo;

/* Main thread: a new instance for host, not yet initialized; NULL when out of memory. */
const continuo_clap_plugin *continuo_clap_create(const continuo_clap_host *host);

static inline continuo_clap_instance *continuo_clap_of(const continuo_clap_plugin *plugin)
{
    return plugin->plugin_data;
}

/* Any thread: the extension's table (note-ports, params, state), or NULL. */
const void *continuo_clap_get_extension(const continuo_clap_plugin *plugin, const char *id);

#endif
