/*
 * The VST3 object's edit controller, on the host's main thread: no parameters and no editor yet. Parameters come
 * here (getParameterCount, getParameterInfo and the value methods), and with them the component handler the host
 * passes, to report edits.
 */
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

static continuo_vst3_result set_component_state(void *self, void *stream)
{
    (void)self;
    (void)stream;
    return CONTINUO_VST3_OK; /* nothing to mirror: component and controller are one */
}

/* The controller keeps nothing of its own: the component's state is the whole state. */
static continuo_vst3_result no_controller_state(void *self, void *stream)
{
    (void)self;
    (void)stream;
    return CONTINUO_VST3_NOT_IMPLEMENTED;
}

static int32_t get_parameter_count(void *self)
{
    (void)self;
    return 0;
}

static continuo_vst3_result get_parameter_info(void *self, int32_t index, void *info)
{
    (void)self;
    (void)index;
    (void)info;
    return CONTINUO_VST3_INVALID_ARGUMENT;
}

static continuo_vst3_result get_param_string_by_value(void *self, uint32_t id, double normalized,
                                                      continuo_vst3_char16 *string128)
{
    (void)self;
    (void)id;
    (void)normalized;
    (void)string128;
    return CONTINUO_VST3_INVALID_ARGUMENT;
}

static continuo_vst3_result get_param_value_by_string(void *self, uint32_t id, continuo_vst3_char16 *string,
                                                      double *normalized)
{
    (void)self;
    (void)id;
    (void)string;
    (void)normalized;
    return CONTINUO_VST3_INVALID_ARGUMENT;
}

static double unchanged_value(void *self, uint32_t id, double value)
{
    (void)self;
    (void)id;
    return value;
}

static double get_param_normalized(void *self, uint32_t id)
{
    (void)self;
    (void)id;
    return 0.0;
}

static continuo_vst3_result set_param_normalized(void *self, uint32_t id, double value)
{
    (void)self;
    (void)id;
    (void)value;
    return CONTINUO_VST3_INVALID_ARGUMENT;
}

static continuo_vst3_result set_component_handler(void *self, continuo_vst3_funknown *handler)
{
    (void)self;
    (void)handler; /* kept once there are parameters to report edits of */
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
    .normalized_param_to_plain = unchanged_value,
    .plain_param_to_normalized = unchanged_value,
    .get_param_normalized = get_param_normalized,
    .set_param_normalized = set_param_normalized,
    .set_component_handler = set_component_handler,
    .create_view = create_view,
};
