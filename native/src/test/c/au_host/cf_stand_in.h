/*
 * A stand-in for the few CoreFoundation functions the AU shim calls (au_abi.h), for the Linux C tests, where there
 * is no CoreFoundation: strings, arrays, dictionaries (keys compared as CFEqual does for strings), SInt32 numbers
 * and data, with reference counts, and what a test needs to read and alter them.
 */
#ifndef CONTINUO_TEST_CF_STAND_IN_H
#define CONTINUO_TEST_CF_STAND_IN_H

#include "au_abi.h"

/* Objects made and not yet released to zero. */
int cf_stand_in_live(void);
CFIndex cf_stand_in_count(CFArrayRef array);
/* The text of the string at index, or NULL when there is none. */
const char *cf_stand_in_text(CFArrayRef array, CFIndex index);
const char *cf_stand_in_string(CFStringRef string);
/* The value under the string key, or NULL. */
CFTypeRef cf_stand_in_get(CFDictionaryRef dictionary, const char *key);
/* Sets the string key to value, and releases value (the dictionary holds it). */
void cf_stand_in_put(CFMutableDictionaryRef dictionary, const char *key, CFTypeRef value);
/* A new dictionary with the same keys and values (retained). */
CFMutableDictionaryRef cf_stand_in_copy(CFDictionaryRef dictionary);

#endif
