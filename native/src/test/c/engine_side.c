#define _POSIX_C_SOURCE 200809L
#include "engine_side.h"

#include <time.h>

void test_sleep_ms(int ms)
{
    struct timespec pause = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

void engine_side_drain(continuo_link *link)
{
    continuo_link_record record;
    while (continuo_ring_pop(&link->to_engine, &record)) {
    }
}

int engine_side_next_block(continuo_link *link, continuo_link_record *block)
{
    continuo_link_record record;
    while (continuo_ring_pop(&link->to_engine, &record)) {
        if (record.kind == CONTINUO_LINK_BLOCK) {
            *block = record;
            return 1;
        }
    }
    return 0;
}

int engine_side_await_block(continuo_link *link, void (*run_block)(void *host), void *host)
{
    continuo_link_record block;
    for (int waited = 0; waited < 3000; waited += 5) {
        run_block(host);
        if (engine_side_next_block(link, &block)) {
            return 1;
        }
        test_sleep_ms(5);
    }
    return 0;
}

void engine_side_send_phrase(continuo_link *link, const double *note_beats, uint32_t count, double length_beats,
                             uint8_t channel, uint8_t first_pitch)
{
    continuo_link_record begin = {.kind = CONTINUO_LINK_PHRASE_BEGIN, .frames = 0, .rate = count, .beat = 0.0,
                                  .value = length_beats};
    continuo_ring_push(&link->to_plugin, &begin);
    for (uint32_t i = 0; i < count; i++) {
        continuo_link_record note = {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = channel,
                                     .b = (uint8_t)(first_pitch + i), .c = 90, .beat = note_beats[i],
                                     .value = note_beats[i] + 0.5};
        continuo_ring_push(&link->to_plugin, &note);
    }
    continuo_link_record commit = {.kind = CONTINUO_LINK_PHRASE_COMMIT, .frames = 0};
    continuo_ring_push(&link->to_plugin, &commit);
}
