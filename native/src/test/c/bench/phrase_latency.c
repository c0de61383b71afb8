/*
 * continuo-phrase-latency: how long after a phrase ends its accompaniment is playable in the plug-in, against a
 * running engine (continuo serve; CONTINUO_SOCKET names its socket). Drives the plug-in core as a host's audio
 * thread would, at real-time pace (256-frame blocks at 48 kHz, paced by the monotonic clock), with 1-bar phrases
 * (the BARS parameter) at 240 bpm and a new four-note melody in every bar. For each phrase: from the end of the
 * block that crossed the phrase's end to the end of the block in which its accompaniment arrived, negative when it
 * arrived before the phrase ended (the engine may close a phrase half a step before its end, when no later onset
 * can fall in it). Run by hand:
 *   continuo-phrase-latency [PHRASES]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "plugin_core.h"

#define RATE 48000.0
#define FRAMES 256u
#define TEMPO 240.0
#define BEATS_PER_BAR 4.0
#define MAX_PHRASES 1000

static double seconds(const struct timespec *at)
{
    return (double)at->tv_sec + at->tv_nsec / 1e9;
}

static void advance(struct timespec *at, long nanoseconds)
{
    at->tv_nsec += nanoseconds;
    while (at->tv_nsec >= 1000000000L) {
        at->tv_nsec -= 1000000000L;
        at->tv_sec++;
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The melody of bar `bar`: four quarter notes, a different contour each bar. */
static uint32_t melody_in_block(double first_beat, double beats, long bar_of_block, continuo_midi_event *out)
{
    static const uint8_t SCALE[] = {60, 62, 64, 65, 67, 69, 71, 72};
    uint32_t count = 0;
    for (int beat = 0; beat < 4; beat++) {
        double on = bar_of_block * BEATS_PER_BAR + beat;
        double off = on + 0.75;
        uint8_t pitch = SCALE[(bar_of_block * 3 + beat * (1 + bar_of_block % 3)) % 8];
        double at[2] = {on, off};
        for (int edge = 0; edge < 2; edge++) {
            if (at[edge] >= first_beat && at[edge] < first_beat + beats) {
                uint32_t frame = (uint32_t)((at[edge] - first_beat) / beats * FRAMES);
                out[count++] = (continuo_midi_event){frame, 3, {edge == 0 ? 0x90 : 0x80, pitch, edge == 0 ? 90 : 0}};
            }
        }
    }
    return count;
}

int main(int argc, char **argv)
{
    int phrases = argc > 1 ? atoi(argv[1]) : 60;
    if (phrases < 1 || phrases > MAX_PHRASES) {
        fprintf(stderr, "usage: continuo-phrase-latency [PHRASES 1-%d]\n", MAX_PHRASES);
        return 2;
    }
    continuo_core *core = continuo_core_create("latency-bench");
    if (core == NULL) {
        return 1;
    }
    continuo_core_set_param(core, CONTINUO_LINK_PARAM_BARS, 1.0);
    continuo_core_set_param(core, CONTINUO_LINK_PARAM_THRU, 0.0);
    static continuo_midi_event output_events[4096];
    continuo_midi_event melody[16];
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    long block_nanoseconds = (long)(FRAMES / RATE * 1e9);
    double beats_per_block = FRAMES / RATE * TEMPO / 60.0;
    continuo_transport block = {0, 0, 1, 0.0, TEMPO, RATE, FRAMES, 4, 4};
    static double latencies[MAX_PHRASES];
    static double ended_at[MAX_PHRASES], arrived_at[MAX_PHRASES];
    int ended = 0, arrived = 0, measured = 0, waited = 0;
    uint32_t phrases_before = 0;
    while (measured < phrases && waited < 30 * 187) {
        continuo_midi_output output = {output_events, 4096, 0, 0};
        int linked = continuo_core_connected(core);
        block.rolling = linked && waited > 200; /* stopped until the session is up and settled */
        uint32_t count = 0;
        if (block.rolling) {
            long bar_of_block = (long)(block.beat / BEATS_PER_BAR);
            count = melody_in_block(block.beat, beats_per_block, bar_of_block, melody);
            count += bar_of_block + 1 < MAX_PHRASES ? melody_in_block(block.beat, beats_per_block, bar_of_block + 1,
                                                                      melody + count)
                                                    : 0;
        }
        continuo_core_process(core, &block, melody, count, &output);
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (block.rolling) {
            double end_beat = block.beat + beats_per_block;
            for (; ended < phrases && ended < (long)(end_beat / BEATS_PER_BAR); ended++) {
                ended_at[ended] = seconds(&now); /* phrase `ended` ended in this block */
            }
            for (uint32_t commits = continuo_core_phrases(core); phrases_before < commits && arrived < phrases;
                 phrases_before++) {
                arrived_at[arrived++] = seconds(&now);
            }
            for (; measured < ended && measured < arrived; measured++) {
                latencies[measured] = (arrived_at[measured] - ended_at[measured]) * 1000.0;
            }
            block.beat = end_beat;
        } else {
            phrases_before = continuo_core_phrases(core);
            waited++;
        }
        advance(&next, block_nanoseconds);
    }
    continuo_core_destroy(core);
    if (measured == 0) {
        fprintf(stderr, "continuo-phrase-latency: no phrase came back (is continuo serve running?)\n");
        return 1;
    }
    qsort(latencies, (size_t)measured, sizeof latencies[0], by_value);
    int in_time = 0;
    while (in_time < measured && latencies[in_time] <= 0.0) {
        in_time++;
    }
    printf("phrase end -> playable in the plug-in, %d phrases: median %.1f ms, p99 %.1f ms, min %.1f ms, max %.1f ms;"
           " %d playable when their phrase ended\n",
           measured, latencies[measured / 2], latencies[(int)(measured * 0.99)], latencies[0], latencies[measured - 1],
           in_time);
    return 0;
}
