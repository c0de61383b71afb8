#include "cf_stand_in.h"

#include <stdlib.h>
#include <string.h>

enum { STRING = 1, ARRAY, DICTIONARY, NUMBER, DATA };
#define ARRAY_CAPACITY 8
#define DICTIONARY_CAPACITY 16

typedef struct object {
    int kind;
    int references;
} object;

struct __CFString {
    object base;
    char text[64];
};

struct __CFArray {
    object base;
    CFIndex count;
    const void *values[ARRAY_CAPACITY];
};

struct __CFDictionary {
    object base;
    CFIndex count;
    const void *keys[DICTIONARY_CAPACITY];
    const void *values[DICTIONARY_CAPACITY];
};

struct __CFNumber {
    object base;
    int32_t value;
};

struct __CFData {
    object base;
    CFIndex length;
    uint8_t *bytes;
};

static int live;

const continuo_au_cf_array_callbacks kCFTypeArrayCallBacks = {0, NULL, NULL, NULL, NULL};
const continuo_au_cf_dictionary_key_callbacks kCFTypeDictionaryKeyCallBacks = {0, NULL, NULL, NULL, NULL, NULL};
const continuo_au_cf_dictionary_value_callbacks kCFTypeDictionaryValueCallBacks = {0, NULL, NULL, NULL, NULL};

static void *make(size_t size, int kind)
{
    object *made = calloc(1, size);
    if (made != NULL) {
        made->kind = kind;
        made->references = 1;
        live++;
    }
    return made;
}

CFStringRef CFStringCreateWithCString(CFAllocatorRef allocator, const char *text, uint32_t encoding)
{
    (void)allocator;
    if (text == NULL || encoding != CONTINUO_AU_CF_UTF8 || strlen(text) >= sizeof((struct __CFString *)0)->text) {
        return NULL;
    }
    struct __CFString *string = make(sizeof *string, STRING);
    if (string != NULL) {
        strcpy(string->text, text);
    }
    return string;
}

CFArrayRef CFArrayCreate(CFAllocatorRef allocator, const void **values, CFIndex count,
                         const continuo_au_cf_array_callbacks *callbacks)
{
    (void)allocator;
    if (count < 0 || count > ARRAY_CAPACITY || callbacks != &kCFTypeArrayCallBacks) {
        return NULL;
    }
    struct __CFArray *array = make(sizeof *array, ARRAY);
    for (CFIndex i = 0; array != NULL && i < count; i++) {
        array->values[i] = CFRetain(values[i]); /* kCFTypeArrayCallBacks retain */
        array->count++;
    }
    return array;
}

CFMutableDictionaryRef CFDictionaryCreateMutable(CFAllocatorRef allocator, CFIndex capacity,
                                                 const continuo_au_cf_dictionary_key_callbacks *keys,
                                                 const continuo_au_cf_dictionary_value_callbacks *values)
{
    (void)allocator;
    if (capacity < 0 || capacity > DICTIONARY_CAPACITY || keys != &kCFTypeDictionaryKeyCallBacks
        || values != &kCFTypeDictionaryValueCallBacks) {
        return NULL;
    }
    return make(sizeof(struct __CFDictionary), DICTIONARY);
}

/* CFEqual for what the stand-in makes: strings by their text, the rest by identity. */
static int equal(const void *a, const void *b)
{
    const object *left = a, *right = b;
    return a == b
           || (left->kind == STRING && right->kind == STRING
               && strcmp(((const struct __CFString *)a)->text, ((const struct __CFString *)b)->text) == 0);
}

static CFIndex index_of(CFDictionaryRef dictionary, const void *key)
{
    for (CFIndex i = 0; i < dictionary->count; i++) {
        if (equal(dictionary->keys[i], key)) {
            return i;
        }
    }
    return -1;
}

void CFDictionarySetValue(CFMutableDictionaryRef dictionary, const void *key, const void *value)
{
    CFIndex at = index_of(dictionary, key);
    if (at < 0 && dictionary->count == DICTIONARY_CAPACITY) {
        abort(); /* a test that needs more keys must raise the capacity */
    }
    CFRetain(value);
    if (at >= 0) {
        CFRelease(dictionary->values[at]);
    } else {
        at = dictionary->count++;
        dictionary->keys[at] = CFRetain(key);
    }
    dictionary->values[at] = value;
}

const void *CFDictionaryGetValue(CFDictionaryRef dictionary, const void *key)
{
    CFIndex at = index_of(dictionary, key);
    return at >= 0 ? dictionary->values[at] : NULL;
}

CFNumberRef CFNumberCreate(CFAllocatorRef allocator, CFNumberType type, const void *value)
{
    (void)allocator;
    if (type != CONTINUO_AU_CF_NUMBER_SINT32) {
        return NULL; /* the only type the shim uses */
    }
    struct __CFNumber *number = make(sizeof *number, NUMBER);
    if (number != NULL) {
        memcpy(&number->value, value, sizeof number->value);
    }
    return number;
}

continuo_au_boolean CFNumberGetValue(CFNumberRef number, CFNumberType type, void *value)
{
    if (type != CONTINUO_AU_CF_NUMBER_SINT32) {
        return 0;
    }
    memcpy(value, &number->value, sizeof number->value);
    return 1;
}

CFDataRef CFDataCreate(CFAllocatorRef allocator, const uint8_t *bytes, CFIndex length)
{
    (void)allocator;
    struct __CFData *data = length >= 0 ? make(sizeof *data, DATA) : NULL;
    if (data == NULL) {
        return NULL;
    }
    data->bytes = malloc(length > 0 ? (size_t)length : 1u);
    if (data->bytes == NULL) {
        CFRelease(data);
        return NULL;
    }
    memcpy(data->bytes, bytes, (size_t)length);
    data->length = length;
    return data;
}

CFIndex CFDataGetLength(CFDataRef data)
{
    return data->length;
}

const uint8_t *CFDataGetBytePtr(CFDataRef data)
{
    return data->bytes;
}

CFTypeRef CFRetain(CFTypeRef reference)
{
    ((object *)(void *)reference)->references++;
    return reference;
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
    } else if (released->kind == DICTIONARY) {
        const struct __CFDictionary *dictionary = reference;
        for (CFIndex i = 0; i < dictionary->count; i++) {
            CFRelease(dictionary->keys[i]);
            CFRelease(dictionary->values[i]);
        }
    } else if (released->kind == DATA) {
        free(((struct __CFData *)(void *)released)->bytes);
    }
    live--;
    free(released);
}

CFTypeID CFGetTypeID(CFTypeRef reference)
{
    return (CFTypeID)((const object *)reference)->kind;
}

CFTypeID CFStringGetTypeID(void)
{
    return STRING;
}

CFTypeID CFDictionaryGetTypeID(void)
{
    return DICTIONARY;
}

CFTypeID CFNumberGetTypeID(void)
{
    return NUMBER;
}

CFTypeID CFDataGetTypeID(void)
{
    return DATA;
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
    if (index < 0 || index >= array->count || CFGetTypeID(array->values[index]) != STRING) {
        return NULL;
    }
    return cf_stand_in_string(array->values[index]);
}

const char *cf_stand_in_string(CFStringRef string)
{
    return string->text;
}

CFTypeRef cf_stand_in_get(CFDictionaryRef dictionary, const char *key)
{
    CFStringRef name = CFStringCreateWithCString(NULL, key, CONTINUO_AU_CF_UTF8);
    CFTypeRef value = CFDictionaryGetValue(dictionary, name);
    CFRelease(name);
    return value;
}

void cf_stand_in_put(CFMutableDictionaryRef dictionary, const char *key, CFTypeRef value)
{
    CFStringRef name = CFStringCreateWithCString(NULL, key, CONTINUO_AU_CF_UTF8);
    CFDictionarySetValue(dictionary, name, value);
    CFRelease(name);
    CFRelease(value);
}

CFMutableDictionaryRef cf_stand_in_copy(CFDictionaryRef dictionary)
{
    CFMutableDictionaryRef copy = CFDictionaryCreateMutable(NULL, 0, &kCFTypeDictionaryKeyCallBacks,
                                                            &kCFTypeDictionaryValueCallBacks);
    for (CFIndex i = 0; i < dictionary->count; i++) {
        CFDictionarySetValue(copy, dictionary->keys[i], dictionary->values[i]);
    }
    return copy;
}
