/*
 * continuo-clap-bench: the audio-thread cost of the CLAP plug-in's process() for 256-frame blocks at 48 kHz,
 * run by hand (not a test): `native/target/clap-host/continuo-clap-bench native/target/clap/continuo.clap`.
 * The .clap is linked to the C tests' stand-in engine, which has sent it an 8-beat phrase of four parts (the
 * loop plays it over and over) while a melody note starts and ends every beat. Prints median, p99, p99.9 and max
 * of each call's wall time (CLOCK_MONOTONIC: includes preemption of this unprivileged thread) and of its CPU time
 * (CLOCK_THREAD_CPUTIME_ID: the work itself).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clap_host.h"
#include "fake_engine.h"
#include "timeline.h"

#define BLOCK 256u
#define WARM_UP 1000
#define PARTS 4u
#define NOTES_PER_PART 32u

static int64_t now_ns(clockid_t clock)
{
    struct timespec now;
    clock_gettime(clock, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static int compare(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, int64_t *costs, long count)
{
    qsort(costs, (size_t)count, sizeof *costs, compare);
    printf("  %-4s median %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us\n", what, costs[count / 2] / 1000.0,
           costs[count * 99 / 100] / 1000.0, costs[count * 999 / 1000] / 1000.0, costs[count - 1] / 1000.0);
}

/* Drains what the plug-in sent; returns 1 if a BLOCK record was among it. */
static int drain(continuo_link *link)
{
    continuo_link_record record;
    int block = 0;
    while (continuo_ring_pop(&link->to_engine, &record)) {
        block |= record.kind == CONTINUO_LINK_BLOCK;
    }
    return block;
}

static void send_phrase(continuo_link *link)
{
    continuo_link_record begin = {.kind = CONTINUO_LINK_PHRASE_BEGIN, .frames = 0, .rate = PARTS * NOTES_PER_PART,
                                  .beat = 0.0, .value = 8.0};
    continuo_ring_push(&link->to_plugin, &begin);
    for (uint32_t part = 0; part < PARTS; part++) {
        continuo_link_record program = {.kind = CONTINUO_LINK_PHRASE_PROGRAM, .a = (uint8_t)(1 + part), .b = 19};
        continuo_ring_push(&link->to_plugin, &program);
    }
    for (uint32_t part = 0; part < PARTS; part++) {
        for (uint32_t i = 0; i < NOTES_PER_PART; i++) {
            double start = i * 0.25;
            continuo_link_record note = {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = (uint8_t)(1 + part),
                                         .b = (uint8_t)(40 + 7 * part + i % 5), .c = 80, .beat = start,
                                         .value = start + 0.2};
            continuo_ring_push(&link->to_plugin, &note);
        }
    }
    continuo_link_record commit = {.kind = CONTINUO_LINK_PHRASE_COMMIT, .frames = 0};
    continuo_ring_push(&link->to_plugin, &commit);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: continuo-clap-bench PLUGIN.clap [BLOCKS]\n");
        return 2;
    }
    long blocks = argc > 2 ? atol(argv[2]) : 100000;
    static fake_engine engine;
    clap_host_plugin plugin;
    static clap_host_instance instance;
    const char *problem = NULL;
    if (blocks < 1 || !fake_engine_start(&engine) || (problem = clap_host_load(&plugin, argv[1])) != NULL
        || (problem = clap_host_instantiate(&plugin, &instance, 48000.0, 1, BLOCK)) != NULL) {
        fprintf(stderr, "continuo-clap-bench: %s\n",
                problem != NULL ? problem : "bad block count or no stand-in engine");
        return 2;
    }
    int linked = 0;
    for (int waited = 0; waited < 3000 && !linked; waited += 5) {
        clap_host_process(&instance, BLOCK, NULL);
        linked = drain(&engine.links[0]);
        struct timespec pause = {0, 5000000};
        nanosleep(&pause, NULL);
    }
    if (!linked) {
        fprintf(stderr, "continuo-clap-bench: the plug-in did not link to the stand-in engine\n");
        return 2;
    }
    send_phrase(&engine.links[0]);
    clap_timeline timeline;
    clap_timeline_init(&timeline, 48000.0, 120.0, 4, 4);
    clap_timeline_loop(&timeline, 0.0, 8.0);
    timeline.playing = 1;
    int64_t *walls = malloc(sizeof *walls * (size_t)blocks);
    int64_t *cpus = malloc(sizeof *cpus * (size_t)blocks);
    long events_out = 0;
    for (long i = -WARM_UP; i < blocks; i++) {
        continuo_clap_event_transport transport;
        uint32_t frames = clap_timeline_next(&timeline, BLOCK, &transport);
        int64_t beat_frames = 24000;
        int64_t at = timeline.position_frames % beat_frames;
        if (at + frames > beat_frames) {
            clap_host_add_midi(&instance, (uint32_t)(beat_frames - at), 0x90, 72, 100);
        } else if (at <= 12000 && at + frames > 12000) {
            clap_host_add_midi(&instance, (uint32_t)(12000 - at), 0x80, 72, 0);
        }
        int64_t wall = now_ns(CLOCK_MONOTONIC);
        int64_t cpu = now_ns(CLOCK_THREAD_CPUTIME_ID);
        clap_host_process(&instance, frames, &transport);
        cpu = now_ns(CLOCK_THREAD_CPUTIME_ID) - cpu;
        wall = now_ns(CLOCK_MONOTONIC) - wall;
        if (i >= 0) {
            walls[i] = wall;
            cpus[i] = cpu;
            events_out += instance.output_count;
        }
        clap_timeline_advance(&timeline, frames);
        drain(&engine.links[0]);
    }
    printf("process(): %ld blocks of %u frames at 48 kHz, %ld events out\n", blocks, BLOCK, events_out);
    report("wall", walls, blocks);
    report("CPU", cpus, blocks);
    free(walls);
    free(cpus);
    clap_host_release(&instance);
    clap_host_unload(&plugin);
    fake_engine_stop(&engine);
    return 0;
}
