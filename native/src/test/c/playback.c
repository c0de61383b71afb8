#include "playback.h"

#include <math.h>
#include <string.h>

void playback_init(playback *run, double sample_rate, double tempo_bpm, uint32_t block_frames)
{
    memset(run, 0, sizeof *run);
    run->player = continuo_player_create();
    run->sample_rate = sample_rate;
    run->tempo_bpm = tempo_bpm;
    run->block_frames = block_frames;
}

void playback_free(playback *run)
{
    continuo_player_destroy(run->player);
}

static void send(continuo_player *player, uint8_t kind, uint8_t flags, uint8_t a, uint8_t b, uint8_t c,
                 uint32_t frames, uint32_t rate, double beat, double value)
{
    continuo_link_record record = {0};
    record.kind = kind;
    record.flags = flags;
    record.a = a;
    record.b = b;
    record.c = c;
    record.frames = frames;
    record.rate = rate;
    record.beat = beat;
    record.value = value;
    continuo_player_receive(player, &record);
}

void send_phrase(continuo_player *player, uint32_t index, double start_beat, double length_beats, uint8_t flags,
                 const test_note *notes, int note_count, const uint8_t (*programs)[2], int program_count)
{
    send(player, CONTINUO_LINK_PHRASE_BEGIN, flags, 0, 0, 0, index, (uint32_t)note_count, start_beat, length_beats);
    for (int i = 0; i < program_count; i++) {
        send(player, CONTINUO_LINK_PHRASE_PROGRAM, 0, programs[i][0], programs[i][1], 0, 0, 0, 0.0, 0.0);
    }
    for (int i = 0; i < note_count; i++) {
        send(player, CONTINUO_LINK_PHRASE_NOTE, 0, notes[i].channel, notes[i].pitch, 100, 0, 0, notes[i].start_beats,
             notes[i].end_beats);
    }
    send(player, CONTINUO_LINK_PHRASE_COMMIT, 0, 0, 0, 0, index, 0, 0.0, 0.0);
}

void play_block(playback *run, int rolling, int jumped, double beat)
{
    continuo_midi_event buffer[1024];
    continuo_midi_output output = {buffer, 1024, 0, 0};
    continuo_transport block = {0};
    block.rolling = rolling;
    block.jumped = jumped;
    block.beat = jumped ? beat : run->beat;
    block.tempo_bpm = run->tempo_bpm;
    block.sample_rate = run->sample_rate;
    block.frames = run->block_frames;
    continuo_player_process(run->player, &block, &output);
    for (uint32_t i = 0; i < output.count; i++) {
        if (i > 0 && buffer[i].offset_frames < buffer[i - 1].offset_frames) {
            run->unordered_blocks++;
        }
        if (buffer[i].offset_frames >= run->block_frames) {
            run->unordered_blocks++;
        }
        if (run->count < PLAYBACK_EVENTS) {
            played *event = &run->events[run->count++];
            event->frame = run->frame + buffer[i].offset_frames;
            event->status = buffer[i].bytes[0];
            event->data1 = buffer[i].bytes[1];
            event->data2 = buffer[i].bytes[2];
        }
    }
    run->frame += run->block_frames;
    run->beat = block.beat + (rolling ? run->block_frames * run->tempo_bpm / 60.0 / run->sample_rate : 0.0);
}

void play_until(playback *run, double end_beat)
{
    while (run->beat < end_beat) {
        play_block(run, 1, 0, 0.0);
    }
}

int find_event(const playback *run, int from, uint8_t status, uint8_t data1)
{
    for (int i = from; i < run->count; i++) {
        if (run->events[i].status == status && run->events[i].data1 == data1) {
            return i;
        }
    }
    return -1;
}

int unbalanced_notes(const playback *run)
{
    int balance = 0;
    for (int i = 0; i < run->count; i++) {
        uint8_t type = run->events[i].status & 0xF0;
        balance += type == 0x90 ? 1 : (type == 0x80 ? -1 : 0);
    }
    return balance;
}
