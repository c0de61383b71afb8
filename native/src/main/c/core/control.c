#define _POSIX_C_SOURCE 200809L
#include "control.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define TIMEOUT_SECONDS 1

static const char *user_name(void)
{
    const char *user = getenv("USER");
    if (user != NULL && user[0] != '\0') {
        return user;
    }
    struct passwd *entry = getpwuid(getuid());
    return entry != NULL ? entry->pw_name : "unknown";
}

int continuo_control_socket_path(char *path, size_t size)
{
    const char *explicit_path = getenv("CONTINUO_SOCKET");
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    int length;
    if (explicit_path != NULL && explicit_path[0] != '\0') {
        length = snprintf(path, size, "%s", explicit_path);
    } else if (runtime != NULL && runtime[0] != '\0') {
        length = snprintf(path, size, "%s/continuo/ctl.sock", runtime);
    } else {
        length = snprintf(path, size, "/tmp/continuo-%s/ctl.sock", user_name());
    }
    return length > 0 && (size_t)length < size;
}

static int connect_to(const char *socket_path)
{
    struct sockaddr_un address = {0};
    address.sun_family = AF_UNIX;
    if (strlen(socket_path) >= sizeof address.sun_path) {
        return -1;
    }
    strcpy(address.sun_path, socket_path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    struct timeval timeout = {TIMEOUT_SECONDS, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int send_all(int fd, const char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t sent = send(fd, bytes, length, MSG_NOSIGNAL);
        if (sent <= 0) {
            return 0;
        }
        bytes += sent;
        length -= (size_t)sent;
    }
    return 1;
}

static int read_line(int fd, char *line, size_t size)
{
    size_t used = 0;
    while (used + 1 < size) {
        ssize_t got = recv(fd, line + used, size - 1 - used, 0);
        if (got <= 0) {
            break;
        }
        used += (size_t)got;
        if (memchr(line, '\n', used) != NULL) {
            break;
        }
    }
    line[used] = '\0';
    char *end = strchr(line, '\n');
    if (end != NULL) {
        *end = '\0';
    }
    return used > 0;
}

int continuo_control_request(const char *socket_path, const char *request, char *reply, size_t size)
{
    int fd = connect_to(socket_path);
    if (fd < 0) {
        return 0;
    }
    char line[CONTINUO_CONTROL_FIELD_BYTES + 32];
    int length = snprintf(line, sizeof line, "%s\n", request);
    int ok = length > 0 && (size_t)length < sizeof line && send_all(fd, line, (size_t)length)
             && read_line(fd, reply, size);
    close(fd);
    return ok;
}

/* The position just after `"key"` and its colon (spaces allowed), or NULL. */
static const char *value_of(const char *json, const char *key)
{
    size_t length = strlen(key);
    for (const char *at = strchr(json, '"'); at != NULL; at = strchr(at + 1, '"')) {
        if (strncmp(at + 1, key, length) == 0 && at[1 + length] == '"') {
            const char *colon = at + 2 + length;
            while (*colon == ' ') {
                colon++;
            }
            if (*colon == ':') {
                colon++;
                while (*colon == ' ') {
                    colon++;
                }
                return colon;
            }
        }
    }
    return NULL;
}

/* Copies a JSON string (escapes \" \\ \/ only) or a bare number; returns 0 if neither or it does not fit. */
static int copy_scalar(const char *value, char *out, size_t size)
{
    size_t used = 0;
    if (*value == '"') {
        for (value++; *value != '"'; value++) {
            if (*value == '\0' || used + 1 >= size) {
                return 0;
            }
            if (*value == '\\') {
                value++;
                if (*value != '"' && *value != '\\' && *value != '/') {
                    return 0;
                }
            }
            out[used++] = *value;
        }
    } else {
        while ((*value >= '0' && *value <= '9') || *value == '-') {
            if (used + 1 >= size) {
                return 0;
            }
            out[used++] = *value++;
        }
    }
    out[used] = '\0';
    return used > 0;
}

int continuo_parse_open_reply(const char *reply, continuo_open_reply *out)
{
    const char *ok = value_of(reply, "ok");
    const char *session = value_of(reply, "session");
    const char *link = value_of(reply, "link");
    return ok != NULL && strncmp(ok, "true", 4) == 0 && session != NULL && link != NULL
           && copy_scalar(session, out->session, sizeof out->session)
           && copy_scalar(link, out->link, sizeof out->link);
}
