/*
 * continuo-clap-host: our own command-line CLAP host for the end-to-end tests (no CLAP host is packaged here).
 * Loads a .clap, runs one or more instances at real-time pace (blocks paced by the monotonic clock) over a loop
 * of bars with the transport rolling, plays a melody into every instance on the first passes, and writes every
 * event each instance sends out, with the host's absolute frame, to DIR/instance-N.txt as "FRAME: 92 3c 64"
 * (the format of jack_midi_dump -a). Standard input takes commands, one a line: play, stop, quit (and its end).
 * --param ID=VALUE (repeatable) sets a parameter in every instance's first block, as a host's automation would.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clap_host.h"
#include "timeline.h"

#define MAX_INSTANCES 8
#define MAX_NOTES 256
#define MAX_PARAMS 32

static const char USAGE[] =
    "usage: continuo-clap-host PLUGIN.clap --dump DIR [--rate HZ] [--block FRAMES] [--tempo BPM] [--meter N/D]\n"
    "       [--bars N] [--melody BEAT:PITCH:BEATS,...] [--melody-passes N] [--instances N] [--param ID=VALUE]...\n"
    "Commands on standard input: play, stop, quit.\n";

typedef struct melody_note {
    int64_t on_frame; /* from the loop start */
    int64_t off_frame;
    uint8_t pitch;
    int sounding;
} melody_note;

typedef struct options {
    const char *plugin;
    const char *dump;
    double rate, tempo;
    uint32_t block;
    unsigned beats_per_bar, beat_unit, bars, melody_passes, instances;
    const char *melody;
    unsigned param_count;
    uint32_t param_ids[MAX_PARAMS];
    double param_values[MAX_PARAMS];
} options;

static int fail(const char *message, const char *detail)
{
    fprintf(stderr, "continuo-clap-host: %s%s%s\n", message, detail != NULL ? ": " : "", detail != NULL ? detail : "");
    return 2;
}

static int parse_options(int argc, char **argv, options *o)
{
    *o = (options){NULL, NULL, 48000.0, 120.0, 256, 4, 4, 2, 1, 1, NULL, 0, {0}, {0}};
    for (int i = 1; i < argc; i++) {
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        int ok = 1;
        if (argv[i][0] != '-' && o->plugin == NULL) {
            o->plugin = argv[i];
            continue;
        } else if (value == NULL) {
            ok = 0;
        } else if (strcmp(argv[i], "--dump") == 0) {
            o->dump = value;
        } else if (strcmp(argv[i], "--rate") == 0) {
            ok = (o->rate = atof(value)) >= 8000.0;
        } else if (strcmp(argv[i], "--tempo") == 0) {
            ok = (o->tempo = atof(value)) > 0.0;
        } else if (strcmp(argv[i], "--block") == 0) {
            ok = (o->block = (uint32_t)atoi(value)) >= 1 && o->block <= 8192;
        } else if (strcmp(argv[i], "--meter") == 0) {
            ok = sscanf(value, "%u/%u", &o->beats_per_bar, &o->beat_unit) == 2 && o->beats_per_bar > 0
                 && o->beat_unit > 0;
        } else if (strcmp(argv[i], "--bars") == 0) {
            ok = (o->bars = (unsigned)atoi(value)) >= 1;
        } else if (strcmp(argv[i], "--melody") == 0) {
            o->melody = value;
        } else if (strcmp(argv[i], "--melody-passes") == 0) {
            o->melody_passes = (unsigned)atoi(value);
        } else if (strcmp(argv[i], "--instances") == 0) {
            ok = (o->instances = (unsigned)atoi(value)) >= 1 && o->instances <= MAX_INSTANCES;
        } else if (strcmp(argv[i], "--param") == 0) {
            ok = o->param_count < MAX_PARAMS
                 && sscanf(value, "%u=%lf", &o->param_ids[o->param_count], &o->param_values[o->param_count]) == 2;
            o->param_count += ok ? 1u : 0u;
        } else {
            ok = 0;
        }
        if (!ok) {
            return 0;
        }
        i++;
    }
    return o->plugin != NULL && o->dump != NULL;
}

/* "BEAT:PITCH:BEATS,..." within the loop; returns the count, or -1 for a malformed or out-of-loop note. */
static int parse_melody(const char *text, const clap_timeline *timeline, int64_t loop_frames, melody_note *notes)
{
    int count = 0;
    while (text != NULL && *text != '\0') {
        double beat, length;
        unsigned pitch;
        int used = 0;
        if (count == MAX_NOTES || sscanf(text, "%lf:%u:%lf%n", &beat, &pitch, &length, &used) != 3 || pitch > 127
            || beat < 0.0 || length <= 0.0) {
            return -1;
        }
        notes[count].on_frame = llround(clap_timeline_frames(timeline, beat));
        notes[count].off_frame = llround(clap_timeline_frames(timeline, beat + length));
        notes[count].pitch = (uint8_t)pitch;
        notes[count].sounding = 0;
        if (notes[count].off_frame >= loop_frames) {
            return -1;
        }
        count++;
        text += used;
        text += *text == ',' ? 1 : 0;
    }
    return count;
}

/* Reads what standard input has without waiting; returns the command of a complete line, or "quit" at its end. */
static const char *poll_command(char *line, size_t size, size_t *filled)
{
    struct pollfd ready = {STDIN_FILENO, POLLIN, 0};
    while (poll(&ready, 1, 0) > 0 && *filled + 1 < size) {
        ssize_t got = read(STDIN_FILENO, line + *filled, 1);
        if (got <= 0) {
            return "quit";
        }
        if (line[(*filled)++] == '\n') {
            line[*filled - 1] = '\0';
            *filled = 0;
            return line;
        }
    }
    return NULL;
}

static void wait_until(const struct timespec *start, int64_t frames, double rate)
{
    double seconds = frames / rate;
    struct timespec deadline = *start;
    deadline.tv_sec += (time_t)seconds;
    deadline.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR) {
    }
}

/* The melody's events in [from, from + frames) of the loop into every instance; note-offs of all at stop. */
static void feed_melody(clap_host_instance *instances, unsigned count, melody_note *notes, int note_count,
                        int64_t from, uint32_t frames, int stop)
{
    for (int n = 0; n < note_count; n++) {
        melody_note *note = &notes[n];
        int on = !stop && note->on_frame >= from && note->on_frame < from + frames;
        int off = note->sounding && (stop || (note->off_frame >= from && note->off_frame < from + frames));
        for (unsigned i = 0; i < count; i++) {
            if (on) {
                clap_host_add_midi(&instances[i], (uint32_t)(note->on_frame - from), 0x90, note->pitch, 100);
            }
            if (off) {
                clap_host_add_midi(&instances[i], stop ? 0 : (uint32_t)(note->off_frame - from), 0x80, note->pitch, 0);
            }
        }
        note->sounding = on ? 1 : (off ? 0 : note->sounding);
    }
}

static void dump_block(FILE *dump, const clap_host_instance *instance, int64_t frame)
{
    for (uint32_t i = 0; i < instance->output_count; i++) {
        const clap_host_output_event *event = &instance->outputs[i];
        int bytes = (event->data[0] & 0xF0) == 0xC0 || (event->data[0] & 0xF0) == 0xD0 ? 2 : 3;
        fprintf(dump, "%lld:", (long long)(frame + event->time));
        for (int b = 0; b < bytes; b++) {
            fprintf(dump, " %02x", event->data[b]);
        }
        fputc('\n', dump);
    }
    fflush(dump);
}

int main(int argc, char **argv)
{
    options o;
    if (!parse_options(argc, argv, &o)) {
        fputs(USAGE, stderr);
        return 2;
    }
    clap_timeline timeline;
    clap_timeline_init(&timeline, o.rate, o.tempo, (uint16_t)o.beats_per_bar, (uint16_t)o.beat_unit);
    clap_timeline_loop(&timeline, 0.0, o.bars * o.beats_per_bar * 4.0 / o.beat_unit);
    static melody_note notes[MAX_NOTES];
    int note_count = parse_melody(o.melody, &timeline, timeline.loop_end_frames, notes);
    if (note_count < 0) {
        return fail("--melody wants BEAT:PITCH:BEATS,... with every note inside the loop", o.melody);
    }
    clap_host_plugin plugin;
    const char *problem = clap_host_load(&plugin, o.plugin);
    if (problem != NULL) {
        return fail(problem, o.plugin);
    }
    static clap_host_instance instances[MAX_INSTANCES];
    FILE *dumps[MAX_INSTANCES];
    for (unsigned i = 0; i < o.instances; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/instance-%u.txt", o.dump, i + 1);
        if ((dumps[i] = fopen(path, "w")) == NULL) {
            return fail("cannot write", path);
        }
        if ((problem = clap_host_instantiate(&plugin, &instances[i], o.rate, 1, o.block)) != NULL) {
            return fail(problem, plugin.descriptor->id);
        }
        for (unsigned p = 0; p < o.param_count; p++) {
            clap_host_add_param(&instances[i], 0, o.param_ids[p], o.param_values[p]);
        }
    }
    fprintf(stderr, "continuo-clap-host: %u instance(s) of %s at %.0f Hz, %u-frame blocks, %.2f bpm, %u-bar loop\n",
            o.instances, plugin.descriptor->id, o.rate, o.block, o.tempo, o.bars);

    char line[256];
    size_t filled = 0;
    unsigned pass = 1;
    int64_t frame = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        const char *command = poll_command(line, sizeof line, &filled);
        int quit = command != NULL && strcmp(command, "quit") == 0;
        int stopping = timeline.playing && command != NULL && (quit || strcmp(command, "stop") == 0);
        if (command != NULL && strcmp(command, "play") == 0 && !timeline.playing) {
            timeline.playing = 1;
            for (unsigned i = 0; i < o.instances; i++) {
                fprintf(dumps[i], "# playing at frame %lld, beat %.6f\n", (long long)frame,
                        timeline.position_frames * o.tempo / 60.0 / o.rate);
            }
        }
        if (stopping) {
            timeline.playing = 0;
        }
        if (quit && !stopping) {
            break;
        }
        continuo_clap_event_transport transport;
        uint32_t frames = clap_timeline_next(&timeline, o.block, &transport);
        if ((timeline.playing && pass <= o.melody_passes) || stopping) {
            feed_melody(instances, o.instances, notes, note_count, timeline.position_frames, frames, stopping);
        }
        for (unsigned i = 0; i < o.instances; i++) {
            clap_host_process(&instances[i], frames, &transport);
            dump_block(dumps[i], &instances[i], frame);
        }
        pass += (unsigned)clap_timeline_advance(&timeline, frames);
        frame += frames;
        wait_until(&start, frame, o.rate);
        if (quit) {
            break; /* after the stopped block that ended every note */
        }
    }
    int status = 0;
    for (unsigned i = 0; i < o.instances; i++) {
        if (instances[i].misordered != 0 || instances[i].refused != 0) {
            fprintf(stderr, "continuo-clap-host: instance %u pushed %u events out of order, %u refused\n", i + 1,
                    instances[i].misordered, instances[i].refused);
            status = 1;
        }
        clap_host_release(&instances[i]);
        fclose(dumps[i]);
    }
    clap_host_unload(&plugin);
    return status;
}
