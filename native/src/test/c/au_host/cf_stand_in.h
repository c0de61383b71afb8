/*
 * A stand-in for the few CoreFoundation functions the AU shim calls (au_abi.h), for the Linux C tests, where there
 * is no CoreFoundation: strings and arrays with reference counts, and what a test needs to read them back.
 */
#ifndef CONTINUO_TEST_CF_STAND_IN_H
#define CONTINUO_TEST_CF_STAND_IN_H

#include "au_abi.h"

/* Objects made and not yet released to zero. */
int cf_stand_in_live(void);
CFIndex cf_stand_in_count(CFArrayRef array);
/* The text of the string at index, or NULL when there is none. */
const char *cf_stand_in_text(CFArrayRef array, CFIndex index);

#endif
