/* Test support: makes link files as the engine does (header written, rings empty). */
#ifndef CONTINUO_TEST_LINK_FILE_H
#define CONTINUO_TEST_LINK_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Writes a fresh link file at a new path under /tmp (into path); returns 0 on failure. */
int make_link_file(char *path, size_t size, uint32_t magic, uint32_t version, size_t bytes);

#endif
