#include "params.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PART_PARAMS(kind, symbol, name, min, max, fallback, stepped, unit) \
    {CONTINUO_LINK_PARAM_##kind##_1, symbol "_1", name " 1", min, max, fallback, stepped, unit}, \
    {CONTINUO_LINK_PARAM_##kind##_1 + 1, symbol "_2", name " 2", min, max, fallback, stepped, unit}, \
    {CONTINUO_LINK_PARAM_##kind##_1 + 2, symbol "_3", name " 3", min, max, fallback, stepped, unit}, \
    {CONTINUO_LINK_PARAM_##kind##_1 + 3, symbol "_4", name " 4", min, max, fallback, stepped, unit}

static const continuo_param_info PARAMS[CONTINUO_PARAM_COUNT] = {
    {CONTINUO_LINK_PARAM_CAPTURE, "capture", "Capture melody", 0, 1, 1, 1, ""},
    {CONTINUO_LINK_PARAM_THRU, "thru", "Melody through", 0, 1, 1, 1, ""},
    {CONTINUO_LINK_PARAM_PRESET, "preset", "Preset", 0, 128, 0, 1, ""},
    {CONTINUO_LINK_PARAM_BARS, "bars", "Bars per phrase", 0, 16, 0, 1, "bars"},
    {CONTINUO_LINK_PARAM_DENSITY, "density", "Density", 0, 1, 0.5, 0, ""},
    {CONTINUO_LINK_PARAM_SEED, "seed", "Seed", 0, 9999, 0, 1, ""},
    {CONTINUO_LINK_PARAM_NOISE, "noise", "Noise scale", 0, 2, 1, 0, ""},
    {CONTINUO_LINK_PARAM_HUMANIZE, "humanize", "Humanize", 0, 1, 0, 0, ""},
    {CONTINUO_LINK_PARAM_VARIATION, "variation", "Variation", 0, 127, 0, 1, ""},
    PART_PARAMS(MUTE, "mute", "Mute part", 0, 1, 0, 1, ""),
    PART_PARAMS(SOLO, "solo", "Solo part", 0, 1, 0, 1, ""),
    PART_PARAMS(OCTAVE, "octave", "Octave part", -3, 3, 0, 1, "oct"),
    PART_PARAMS(VELOCITY, "velocity", "Velocity part", 10, 200, 100, 1, "%"),
};

const continuo_param_info *continuo_param_info_of(uint32_t id)
{
    return id < CONTINUO_PARAM_COUNT ? &PARAMS[id] : NULL;
}

double continuo_param_clamp(const continuo_param_info *info, double value)
{
    if (isnan(value)) {
        return info->fallback;
    }
    double clamped = value < info->min ? info->min : (value > info->max ? info->max : value);
    return info->stepped ? floor(clamped + 0.5) : clamped;
}

static int zero_means_default(const continuo_param_info *info)
{
    return info->id == CONTINUO_LINK_PARAM_PRESET || info->id == CONTINUO_LINK_PARAM_BARS;
}

void continuo_param_format(const continuo_param_info *info, double value, char *text, size_t capacity)
{
    double shown = continuo_param_clamp(info, value);
    if (info->stepped && info->min == 0 && info->max == 1) {
        snprintf(text, capacity, "%s", shown != 0 ? "on" : "off");
    } else if (zero_means_default(info) && shown == 0) {
        snprintf(text, capacity, "engine default");
    } else {
        snprintf(text, capacity, info->stepped ? "%.0f%s%s" : "%.2f%s%s", shown, info->unit[0] ? " " : "",
                 info->unit);
    }
}

int continuo_param_parse(const continuo_param_info *info, const char *text, double *value)
{
    char *end;
    double number = strtod(text, &end);
    if (end != text && isfinite(number)) {
        *value = continuo_param_clamp(info, number);
    } else if (strcmp(text, "on") == 0 || strcmp(text, "off") == 0) {
        *value = text[1] == 'n' ? 1.0 : 0.0;
    } else if (zero_means_default(info) && strcmp(text, "engine default") == 0) {
        *value = 0.0;
    } else {
        return 0;
    }
    return 1;
}
