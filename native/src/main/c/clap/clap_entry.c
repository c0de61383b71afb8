/* The CLAP module: the descriptor, the plug-in factory and clap_entry, the one symbol it exports. */
#include <string.h>

#include "clap_instance.h"

static const char *const FEATURES[] = {CONTINUO_CLAP_FEATURE_NOTE_EFFECT, NULL};

const continuo_clap_descriptor continuo_clap_descriptor_continuo = {
    {CONTINUO_CLAP_VERSION_MAJOR, CONTINUO_CLAP_VERSION_MINOR, CONTINUO_CLAP_VERSION_REVISION},
    CONTINUO_CLAP_PLUGIN_ID,
    "Continuo",
    "Continuo",
    "https://continuo.dev",
    "https://continuo.dev/docs/plugin",
    "https://continuo.dev",
    "0.1.0",
    "Accompanies the melody it hears: each phrase's parts play the next time its bars play",
    FEATURES,
};

static uint32_t factory_count(const continuo_clap_plugin_factory *factory)
{
    (void)factory;
    return 1;
}

static const continuo_clap_descriptor *factory_descriptor(const continuo_clap_plugin_factory *factory, uint32_t index)
{
    (void)factory;
    return index == 0 ? &continuo_clap_descriptor_continuo : NULL;
}

/* Main thread: a new instance, not yet initialized; NULL for another id, an incompatible host or no memory. */
static const continuo_clap_plugin *factory_create(const continuo_clap_plugin_factory *factory,
                                                  const continuo_clap_host *host, const char *plugin_id)
{
    (void)factory;
    if (host == NULL || !continuo_clap_version_compatible(host->clap_version) || plugin_id == NULL
        || strcmp(plugin_id, CONTINUO_CLAP_PLUGIN_ID) != 0) {
        return NULL;
    }
    return continuo_clap_create(host);
}

static const continuo_clap_plugin_factory FACTORY = {factory_count, factory_descriptor, factory_create};

/* Main thread: nothing to set up per process; every instance starts its own core. */
static bool entry_init(const char *plugin_path)
{
    (void)plugin_path;
    return true;
}

static void entry_deinit(void)
{
}

static const void *entry_factory(const char *factory_id)
{
    return strcmp(factory_id, CONTINUO_CLAP_PLUGIN_FACTORY_ID) == 0 ? &FACTORY : NULL;
}

__attribute__((visibility("default"))) const continuo_clap_entry clap_entry = {
    {CONTINUO_CLAP_VERSION_MAJOR, CONTINUO_CLAP_VERSION_MINOR, CONTINUO_CLAP_VERSION_REVISION},
    entry_init,
    entry_deinit,
    entry_factory,
};
