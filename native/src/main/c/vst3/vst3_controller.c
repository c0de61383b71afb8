/*
 * The VST3 object's edit controller, on the host's main thread: the core's parameter table (no editor). Values are
 * the core's; the host speaks normalized values (0..1 over each parameter's range). Component and controller are
 * one object, so the component's state is the whole state and the controller keeps none of its own.
 */
#include <math.h>
#include <string.h>

#include "params.h"
#include "vst3_instance.h"

CONTINUO_VST3_FUNKNOWN_THUNKS(controller)

static continuo_vst3_result controller_initialize(void *self, continuo_vst3_funknown *context)
{
    (void)self;
    (void)context;
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result controller_terminate(void *self)
{
    (void)self;
    return CONTINUO_VST3_OK; /* the component's terminate ends the object's work */
}

static continuo_vst3_result set_component_state(void *self, continuo_vst3_stream *stream)
{
    (void)self;
    (void)stream;
    return CONTINUO_VST3_OK; /* nothing to mirror: component and controller are one */
}

static continuo_vst3_result no_controller_state(void *self, continuo_vst3_stream *stream)
{
    (void)self;
    (void)stream;
    return CONTINUO_VST3_NOT_IMPLEMENTED;
}

static int32_t get_parameter_count(void *self)
{
    (void)self;
    return (int32_t)CONTINUO_PARAM_COUNT;
}

static double normalized_of(const continuo_param_info *param, double plain)
{
    return (continuo_param_clamp(param, plain) - param->min) / (param->max - param->min);
}

static double plain_of(const continuo_param_info *param, double normalized)
{
    double share = normalized < 0.0 ? 0.0 : (normalized > 1.0 ? 1.0 : normalized);
    return continuo_param_clamp(param, param->min + share * (param->max - param->min));
}

static continuo_vst3_result get_parameter_info(void *self, int32_t index, continuo_vst3_parameter_info *info)
{
    (void)self;
    const continuo_param_info *param = index >= 0 ? continuo_param_info_of((uint32_t)index) : NULL;
    if (param == NULL || info == NULL) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    memset(info, 0, sizeof *info);
    info->id = param->id;
    continuo_vst3_utf16(info->title, 128, param->name);
    continuo_vst3_utf16(info->short_title, 128, param->symbol);
    continuo_vst3_utf16(info->units, 128, param->unit);
    info->step_count = param->stepped ? (int32_t)(param->max - param->min) : 0;
    info->default_normalized_value = normalized_of(param, param->fallback);
    info->flags = CONTINUO_VST3_PARAM_CAN_AUTOMATE;
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result get_param_string_by_value(void *self, uint32_t id, double normalized,
                                                      continuo_vst3_char16 *string128)
{
    (void)self;
    const continuo_param_info *param = continuo_param_info_of(id);
    if (param == NULL || string128 == NULL) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    char text[128];
    continuo_param_format(param, plain_of(param, normalized), text, sizeof text);
    continuo_vst3_utf16(string128, 128, text);
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result get_param_value_by_string(void *self, uint32_t id, continuo_vst3_char16 *string,
                                                      double *normalized)
{
    (void)self;
    const continuo_param_info *param = continuo_param_info_of(id);
    char text[128];
    size_t length = 0;
    for (; param != NULL && string != NULL && string[length] != 0 && length + 1 < sizeof text; length++) {
        text[length] = string[length] < 0x80 ? (char)string[length] : '?';
    }
    text[length] = '\0';
    double plain;
    if (param == NULL || string == NULL || normalized == NULL || !continuo_param_parse(param, text, &plain)) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    *normalized = normalized_of(param, plain);
    return CONTINUO_VST3_OK;
}

static double normalized_to_plain(void *self, uint32_t id, double normalized)
{
    (void)self;
    const continuo_param_info *param = continuo_param_info_of(id);
    return param == NULL ? normalized : plain_of(param, normalized);
}

static double plain_to_normalized(void *self, uint32_t id, double plain)
{
    (void)self;
    const continuo_param_info *param = continuo_param_info_of(id);
    return param == NULL ? plain : normalized_of(param, plain);
}

static double get_param_normalized(void *self, uint32_t id)
{
    continuo_vst3_instance *plugin = CONTINUO_VST3_FROM(controller, self);
    const continuo_param_info *param = continuo_param_info_of(id);
    if (param == NULL) {
        return 0.0;
    }
    return normalized_of(param, continuo_vst3_param(plugin, id));
}

static continuo_vst3_result set_param_normalized(void *self, uint32_t id, double value)
{
    continuo_vst3_instance *plugin = CONTINUO_VST3_FROM(controller, self);
    const continuo_param_info *param = continuo_param_info_of(id);
    if (param == NULL || !isfinite(value)) {
        return CONTINUO_VST3_INVALID_ARGUMENT;
    }
    continuo_vst3_set_param(plugin, id, plain_of(param, value));
    return CONTINUO_VST3_OK;
}

static continuo_vst3_result set_component_handler(void *self, continuo_vst3_funknown *handler)
{
    (void)self;
    (void)handler; /* the plug-in has no editor: it never edits a parameter itself */
    return CONTINUO_VST3_OK;
}

static void *create_view(void *self, const char *name)
{
    (void)self;
    (void)name;
    return NULL;
}

const continuo_vst3_edit_controller_vtable continuo_vst3_controller_vtable = {
    .query_interface = controller_query,
    .add_ref = controller_add_ref,
    .release = controller_release,
    .initialize = controller_initialize,
    .terminate = controller_terminate,
    .set_component_state = set_component_state,
    .set_state = no_controller_state,
    .get_state = no_controller_state,
    .get_parameter_count = get_parameter_count,
    .get_parameter_info = get_parameter_info,
    .get_param_string_by_value = get_param_string_by_value,
    .get_param_value_by_string = get_param_value_by_string,
    .normalized_param_to_plain = normalized_to_plain,
    .plain_param_to_normalized = plain_to_normalized,
    .get_param_normalized = get_param_normalized,
    .set_param_normalized = set_param_normalized,
    .set_component_handler = set_component_handler,
    .create_view = create_view,
};
