#define _POSIX_C_SOURCE 200809L
#include "fake_engine.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "link_file.h"

static void answer(fake_engine *engine, int client)
{
    char line[256] = {0};
    ssize_t got = 0;
    while (got < (ssize_t)sizeof line - 1 && strchr(line, '\n') == NULL) {
        ssize_t more = recv(client, line + got, sizeof line - 1 - (size_t)got, 0);
        if (more <= 0) {
            break;
        }
        got += more;
    }
    char reply[256];
    if (got > 0 && strncmp(line, "plugin-open ", 12) == 0 && atomic_load(&engine->opens) < FAKE_SESSIONS) {
        int session = atomic_load(&engine->opens);
        snprintf(engine->last_open, sizeof engine->last_open, "%.*s", (int)strcspn(line, "\n"), line);
        snprintf(reply, sizeof reply, "{\"session\":\"%d\",\"link\":\"%s\",\"ok\":true}\n", session + 1,
                 engine->link_path[session]);
        atomic_fetch_add(&engine->opens, 1);
    } else if (got > 0 && strncmp(line, "plugin-close ", 13) == 0) {
        snprintf(engine->last_close, sizeof engine->last_close, "%.*s", (int)strcspn(line + 13, "\n"), line + 13);
        atomic_fetch_add(&engine->closes, 1);
        snprintf(reply, sizeof reply, "{\"ok\":true}\n");
    } else {
        snprintf(reply, sizeof reply, "{\"error\":\"unknown command\",\"ok\":false}\n");
    }
    send(client, reply, strlen(reply), MSG_NOSIGNAL);
    close(client);
}

static void *serve(void *argument)
{
    fake_engine *engine = argument;
    while (!atomic_load(&engine->stopping)) {
        struct pollfd ready = {engine->listen_fd, POLLIN, 0};
        if (poll(&ready, 1, 20) > 0) {
            int client = accept(engine->listen_fd, NULL, NULL);
            if (client >= 0) {
                answer(engine, client);
            }
        }
        for (int i = 0; i < atomic_load(&engine->opens) && atomic_load(&engine->beating); i++) {
            uint64_t *beat = (uint64_t *)(void *)(engine->links[i].base + CONTINUO_LINK_H_ENGINE_BEAT);
            atomic_fetch_add((_Atomic uint64_t *)beat, 1);
        }
    }
    return NULL;
}

int fake_engine_start(fake_engine *engine)
{
    memset(engine, 0, sizeof *engine);
    snprintf(engine->socket_path, sizeof engine->socket_path, "/tmp/continuo-test-%d.sock", (int)getpid());
    for (int i = 0; i < FAKE_SESSIONS; i++) {
        if (!make_link_file(engine->link_path[i], sizeof engine->link_path[i], CONTINUO_LINK_MAGIC,
                            CONTINUO_LINK_VERSION, CONTINUO_LINK_FILE_BYTES)
            || continuo_link_map(&engine->links[i], engine->link_path[i]) != CONTINUO_LINK_OK) {
            return 0;
        }
    }
    struct sockaddr_un address = {0};
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, engine->socket_path);
    unlink(engine->socket_path);
    engine->listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (engine->listen_fd < 0 || bind(engine->listen_fd, (struct sockaddr *)&address, sizeof address) != 0
        || listen(engine->listen_fd, 4) != 0) {
        return 0;
    }
    atomic_store(&engine->beating, 1);
    setenv("CONTINUO_SOCKET", engine->socket_path, 1);
    return pthread_create(&engine->thread, NULL, serve, engine) == 0;
}

void fake_engine_stop(fake_engine *engine)
{
    atomic_store(&engine->stopping, 1);
    pthread_join(engine->thread, NULL);
    close(engine->listen_fd);
    unlink(engine->socket_path);
    for (int i = 0; i < FAKE_SESSIONS; i++) {
        continuo_link_unmap(&engine->links[i]);
        unlink(engine->link_path[i]);
    }
    unsetenv("CONTINUO_SOCKET");
}
