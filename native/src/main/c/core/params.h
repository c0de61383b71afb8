/*
 * The plug-in's parameters, one table for every format: what the host shows, automates and saves. Ids are the
 * link protocol's (continuo_link.h, enum continuo_link_param); values are in their own units (see there).
 */
#ifndef CONTINUO_CORE_PARAMS_H
#define CONTINUO_CORE_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "continuo_link.h"

#define CONTINUO_PARAM_COUNT ((uint32_t)CONTINUO_LINK_PARAMS)
#define CONTINUO_PARTS 4u

typedef struct continuo_param_info {
    uint32_t id;
    const char *symbol; /* lower-case identifier: the LV2 port symbol, CLAP and VST3 short names */
    const char *name;   /* what the host shows */
    double min;
    double max;
    double fallback;    /* the default */
    int stepped;        /* integer values only (toggles are stepped 0..1) */
    const char *unit;   /* "" for none */
} continuo_param_info;

/* The parameter with this id, or NULL past the last. */
const continuo_param_info *continuo_param_info_of(uint32_t id);

/* The value as a host shows it: toggles as on/off, "engine default" where 0 means that, else the number and unit. */
void continuo_param_format(const continuo_param_info *info, double value, char *text, size_t capacity);

/* A value from what a user typed: a number (a unit after it is ignored), on/off or "engine default". 0 if none. */
int continuo_param_parse(const continuo_param_info *info, const char *text, double *value);

/* The value brought into the parameter's range (rounded when stepped); NaN becomes the default. */
double continuo_param_clamp(const continuo_param_info *info, double value);

#endif
