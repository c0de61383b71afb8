#include "cf_stand_in.h"

#include <stdlib.h>
#include <string.h>

enum { STRING = 1, ARRAY = 2 };
#define ARRAY_CAPACITY 8

struct __CFString {
    int kind;
    int references;
    char text[64];
};

struct __CFArray {
    int kind;
    int references;
    CFIndex count;
    const void *values[ARRAY_CAPACITY];
};

typedef struct object {
    int kind;
    int references;
} object;

static int live;

const continuo_au_cf_array_callbacks kCFTypeArrayCallBacks = {0, NULL, NULL, NULL, NULL};

CFStringRef CFStringCreateWithCString(CFAllocatorRef allocator, const char *text, uint32_t encoding)
{
    (void)allocator;
    struct __CFString *string = calloc(1, sizeof *string);
    if (string == NULL || text == NULL || encoding != CONTINUO_AU_CF_UTF8 || strlen(text) >= sizeof string->text) {
        free(string);
        return NULL;
    }
    string->kind = STRING;
    string->references = 1;
    strcpy(string->text, text);
    live++;
    return string;
}

CFArrayRef CFArrayCreate(CFAllocatorRef allocator, const void **values, CFIndex count,
                         const continuo_au_cf_array_callbacks *callbacks)
{
    (void)allocator;
    struct __CFArray *array = calloc(1, sizeof *array);
    if (array == NULL || count < 0 || count > ARRAY_CAPACITY || callbacks != &kCFTypeArrayCallBacks) {
        free(array);
        return NULL;
    }
    array->kind = ARRAY;
    array->references = 1;
    array->count = count;
    for (CFIndex i = 0; i < count; i++) {
        array->values[i] = values[i];
        ((object *)(void *)values[i])->references++; /* kCFTypeArrayCallBacks retain */
    }
    live++;
    return array;
}

void CFRelease(CFTypeRef reference)
{
    object *released = (object *)(void *)reference;
    if (--released->references > 0) {
        return;
    }
    if (released->kind == ARRAY) {
        const struct __CFArray *array = reference;
        for (CFIndex i = 0; i < array->count; i++) {
            CFRelease(array->values[i]);
        }
    }
    live--;
    free(released);
}

int cf_stand_in_live(void)
{
    return live;
}

CFIndex cf_stand_in_count(CFArrayRef array)
{
    return array->count;
}

const char *cf_stand_in_text(CFArrayRef array, CFIndex index)
{
    if (index < 0 || index >= array->count || ((const object *)array->values[index])->kind != STRING) {
        return NULL;
    }
    return ((const struct __CFString *)array->values[index])->text;
}
