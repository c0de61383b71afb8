/*
 * Test support: a stand-in for the engine's control socket. Answers plugin-open with a fresh link file per
 * session (the answer's fields in the order the engine's JSON writer puts them, "ok" last) and records
 * plugin-close; a thread bumps the engine heartbeat of every link while `beating` is set.
 */
#ifndef CONTINUO_TEST_FAKE_ENGINE_H
#define CONTINUO_TEST_FAKE_ENGINE_H

#include <pthread.h>
#include <stdatomic.h>

#include "link.h"

#define FAKE_SESSIONS 4

typedef struct fake_engine {
    char socket_path[108];
    char link_path[FAKE_SESSIONS][64];
    continuo_link links[FAKE_SESSIONS];
    int listen_fd;
    pthread_t thread;
    atomic_int stopping;
    atomic_int beating;
    atomic_int opens;
    atomic_int closes;
    char last_open[64];
    char last_close[64];
} fake_engine;

/* Listens at a new socket path and sets CONTINUO_SOCKET to it. Returns 0 on failure. */
int fake_engine_start(fake_engine *engine);
void fake_engine_stop(fake_engine *engine);

#endif
