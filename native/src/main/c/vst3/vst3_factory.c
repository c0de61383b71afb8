/* The VST3 module: its factory of one class and the Linux entry points. */
#include <stdbool.h>
#include <string.h>

#include "vst3_instance.h"

#define VENDOR "Continuo"
#define PLUGIN_NAME "Continuo"

static const continuo_vst3_tuid FUNKNOWN_IID = CONTINUO_VST3_FUNKNOWN_IID;
static const continuo_vst3_tuid FACTORY_IID = CONTINUO_VST3_FACTORY_IID;
static const continuo_vst3_tuid FACTORY2_IID = CONTINUO_VST3_FACTORY2_IID;
static const continuo_vst3_tuid FACTORY3_IID = CONTINUO_VST3_FACTORY3_IID;

/* The factory: one static object, any thread. */
static continuo_vst3_result factory_query(void *self, const continuo_vst3_tuid iid, void **object)
{
    if (continuo_vst3_same_id(iid, FUNKNOWN_IID) || continuo_vst3_same_id(iid, FACTORY_IID)
        || continuo_vst3_same_id(iid, FACTORY2_IID) || continuo_vst3_same_id(iid, FACTORY3_IID)) {
        *object = self;
        return CONTINUO_VST3_OK;
    }
    *object = NULL;
    return CONTINUO_VST3_NO_INTERFACE;
}

static uint32_t factory_references(void *self)
{
    (void)self;
    return 1; /* static: lives as long as the module */
}

static continuo_vst3_result get_factory_info(void *self, continuo_vst3_factory_info *info)
{
    (void)self;
    memset(info, 0, sizeof *info);
    strcpy(info->vendor, VENDOR);
    strcpy(info->url, "https://continuo.dev");
    info->flags = CONTINUO_VST3_FACTORY_UNICODE;
    return CONTINUO_VST3_OK;
}

static int32_t count_classes(void *self)
{
    (void)self;
    return 1;
}

static continuo_vst3_result get_class_info(void *self, int32_t index, continuo_vst3_class_info *info)
{
    (void)self;
    if (index != 0) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    memset(info, 0, sizeof *info);
    memcpy(info->cid, continuo_vst3_class_id, sizeof info->cid);
    info->cardinality = CONTINUO_VST3_MANY_INSTANCES;
    strcpy(info->category, "Audio Module Class");
    strcpy(info->name, PLUGIN_NAME);
    return CONTINUO_VST3_OK;
}

#define SUB_CATEGORIES "Fx|Instrument"
#define VERSION "0.1.0"
#define SDK_VERSION "VST 3.7.0"

static continuo_vst3_result get_class_info2(void *self, int32_t index, continuo_vst3_class_info2 *info)
{
    continuo_vst3_class_info plain;
    if (get_class_info(self, index, &plain) != CONTINUO_VST3_OK) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    memset(info, 0, sizeof *info);
    memcpy(info->cid, plain.cid, sizeof info->cid);
    info->cardinality = plain.cardinality;
    memcpy(info->category, plain.category, sizeof info->category);
    memcpy(info->name, plain.name, sizeof info->name);
    strcpy(info->sub_categories, SUB_CATEGORIES);
    strcpy(info->vendor, VENDOR);
    strcpy(info->version, VERSION);
    strcpy(info->sdk_version, SDK_VERSION);
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result get_class_info_unicode(void *self, int32_t index, continuo_vst3_class_info_w *info)
{
    continuo_vst3_class_info2 narrow;
    if (get_class_info2(self, index, &narrow) != CONTINUO_VST3_OK) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    memset(info, 0, sizeof *info);
    memcpy(info->cid, narrow.cid, sizeof info->cid);
    info->cardinality = narrow.cardinality;
    memcpy(info->category, narrow.category, sizeof info->category);
    memcpy(info->sub_categories, narrow.sub_categories, sizeof info->sub_categories);
    continuo_vst3_utf16(info->name, 64, narrow.name);
    continuo_vst3_utf16(info->vendor, 64, narrow.vendor);
    continuo_vst3_utf16(info->version, 64, narrow.version);
    continuo_vst3_utf16(info->sdk_version, 64, narrow.sdk_version);
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result create_instance(void *self, const char *cid, const char *iid, void **object)
{
    (void)self;
    *object = NULL;
    if (!continuo_vst3_same_id(cid, continuo_vst3_class_id)) {
        return CONTINUO_VST3_NO_INTERFACE;
    }
    continuo_vst3_instance *plugin = continuo_vst3_create();
    if (plugin == NULL) {
        return CONTINUO_VST3_FALSE;
    }
    continuo_vst3_result result = continuo_vst3_query(plugin, iid, object);
    continuo_vst3_release(plugin); /* the caller's reference is the one query took, if any */
    return result;
}

static continuo_vst3_result set_host_context(void *self, continuo_vst3_funknown *context)
{
    (void)self;
    (void)context;
    return CONTINUO_VST3_OK;
}

static const continuo_vst3_factory_vtable factory_vtable = {
    .query_interface = factory_query,
    .add_ref = factory_references,
    .release = factory_references,
    .get_factory_info = get_factory_info,
    .count_classes = count_classes,
    .get_class_info = get_class_info,
    .create_instance = create_instance,
    .get_class_info2 = get_class_info2,
    .get_class_info_unicode = get_class_info_unicode,
    .set_host_context = set_host_context,
};

static const struct {
    const continuo_vst3_factory_vtable *vtable;
} factory = {&factory_vtable};

/* The Linux module's entry points (called by the host on its main thread). */
__attribute__((visibility("default"))) bool ModuleEntry(void *library)
{
    (void)library;
    return true;
}

__attribute__((visibility("default"))) bool ModuleExit(void)
{
    return true;
}

__attribute__((visibility("default"))) const void *GetPluginFactory(void)
{
    return &factory;
}
