#define _POSIX_C_SOURCE 200809L
#include "link_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int make_link_file(char *path, size_t size, uint32_t magic, uint32_t version, size_t bytes)
{
    snprintf(path, size, "/tmp/continuo-test-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        return 0;
    }
    unsigned char header[8];
    memcpy(header, &magic, 4);
    memcpy(header + 4, &version, 4);
    int ok = ftruncate(fd, (off_t)bytes) == 0 && pwrite(fd, header, sizeof header, 0) == (ssize_t)sizeof header;
    close(fd);
    return ok;
}
