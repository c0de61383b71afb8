/* The player: musical positions to frames, transport changes, phrase replacement and the no-hanging-note rule. */
#include <math.h>

#include "playback.h"
#include "test_runner.h"

#define ON 0x90
#define OFF 0x80

static long frame_of(double beat, double tempo_bpm, double sample_rate)
{
    return lround(beat * 60.0 / tempo_bpm * sample_rate);
}

static int has_event_at(const playback *run, uint8_t status, uint8_t data1, long frame)
{
    for (int i = find_event(run, 0, status, data1); i >= 0; i = find_event(run, i + 1, status, data1)) {
        if (run->events[i].frame == frame) {
            return 1;
        }
    }
    return 0;
}

static const test_note SONG[] = {{0, 60, 0.0, 0.5}, {0, 62, 0.5, 1.3}, {0, 64, 1.3, 3.999}, {1, 48, 2.0, 3.0}};
#define SONG_NOTES 4

static void positions_become_frames_at_any_rate_tempo_and_block_size(void)
{
    const double rates[] = {44100.0, 48000.0, 96000.0};
    const double tempos[] = {60.0, 120.0, 137.5};
    const uint32_t sizes[] = {32, 64, 256, 1000, 4096};
    static playback run;
    for (int r = 0; r < 3; r++) {
        for (int t = 0; t < 3; t++) {
            for (int s = 0; s < 5; s++) {
                playback_init(&run, rates[r], tempos[t], sizes[s]);
                send_phrase(run.player, 0, 0.0, 4.0, 0, SONG, SONG_NOTES, NULL, 0);
                send_phrase(run.player, 1, 4.0, 4.0, 0, SONG, SONG_NOTES, NULL, 0);
                play_until(&run, 8.0);
                int found = 0;
                for (int phrase = 0; phrase < 2; phrase++) {
                    for (int n = 0; n < SONG_NOTES; n++) {
                        const test_note *note = &SONG[n];
                        double start = phrase * 4.0 + note->start_beats, end = phrase * 4.0 + note->end_beats;
                        found += has_event_at(&run, ON | note->channel, note->pitch, frame_of(start, tempos[t], rates[r]));
                        found += has_event_at(&run, OFF | note->channel, note->pitch, frame_of(end, tempos[t], rates[r]));
                    }
                }
                CHECK_EQ(found, 16);
                if (found != 16) {
                    fprintf(stderr, "    at %.0f Hz, %.1f bpm, %u frames\n", rates[r], tempos[t], sizes[s]);
                }
                CHECK_EQ(run.count, 16);
                CHECK_EQ(run.unordered_blocks, 0);
                playback_free(&run);
            }
        }
    }
}

static void a_tempo_change_between_blocks_moves_later_notes(void)
{
    static playback run;
    const test_note note = {0, 70, 3.0, 3.5};
    playback_init(&run, 48000.0, 120.0, 256);
    send_phrase(run.player, 0, 0.0, 4.0, 0, &note, 1, NULL, 0);
    play_until(&run, 2.0);
    long change_frame = run.frame;
    double change_beat = run.beat;
    run.tempo_bpm = 90.0;
    play_until(&run, 4.0);
    CHECK(has_event_at(&run, ON, 70, change_frame + frame_of(3.0 - change_beat, 90.0, 48000.0)));
    CHECK(has_event_at(&run, OFF, 70, change_frame + frame_of(3.5 - change_beat, 90.0, 48000.0)));
    CHECK_EQ(run.count, 2);
    playback_free(&run);
}

static void a_loop_ends_sounding_notes_and_chases_the_ones_it_lands_in(void)
{
    static playback run;
    const test_note note = {0, 60, 1.0, 3.0};
    playback_init(&run, 48000.0, 120.0, 512);
    send_phrase(run.player, 0, 0.0, 4.0, 0, &note, 1, NULL, 0);
    play_until(&run, 2.0);
    CHECK_EQ(continuo_player_sounding(run.player), 1);
    long loop_frame = run.frame;
    play_block(&run, 1, 1, 1.5); /* loop back into the middle of the note */
    int off = find_event(&run, 0, OFF, 60);
    int on = find_event(&run, off + 1, ON, 60);
    CHECK(off >= 0 && run.events[off].frame == loop_frame);
    CHECK(on > off && run.events[on].frame == loop_frame);
    long locate_frame = run.frame;
    play_block(&run, 1, 1, 0.0); /* locate before the note */
    CHECK(has_event_at(&run, OFF, 60, locate_frame));
    CHECK_EQ(continuo_player_sounding(run.player), 0);
    play_until(&run, 3.5);
    CHECK(has_event_at(&run, ON, 60, locate_frame + frame_of(1.0, 120.0, 48000.0)));
    CHECK_EQ(unbalanced_notes(&run), 0);
    playback_free(&run);
}

static void stop_ends_notes_and_starting_mid_note_chases_it(void)
{
    static playback run;
    const test_note note = {0, 60, 1.0, 3.0};
    playback_init(&run, 44100.0, 100.0, 128);
    send_phrase(run.player, 0, 0.0, 4.0, 0, &note, 1, NULL, 0);
    play_until(&run, 1.5);
    long stop_frame = run.frame;
    play_block(&run, 0, 0, 0.0);
    CHECK(has_event_at(&run, OFF, 60, stop_frame));
    CHECK_EQ(continuo_player_sounding(run.player), 0);
    play_block(&run, 0, 0, 0.0);
    CHECK_EQ(run.count, 2);
    long start_frame = run.frame;
    play_block(&run, 1, 0, 0.0); /* rolls again where it stopped */
    CHECK(has_event_at(&run, ON, 60, start_frame));
    play_until(&run, 4.0);
    CHECK_EQ(unbalanced_notes(&run), 0);
    playback_free(&run);
}

static void deactivate_ends_every_sounding_note(void)
{
    static playback run;
    const test_note notes[] = {{0, 60, 0.0, 4.0}, {3, 40, 0.0, 4.0}};
    playback_init(&run, 48000.0, 120.0, 64);
    send_phrase(run.player, 0, 0.0, 4.0, 0, notes, 2, NULL, 0);
    play_until(&run, 1.0);
    continuo_player_end_all(run.player);
    long frame = run.frame;
    play_block(&run, 0, 0, 0.0);
    CHECK(has_event_at(&run, OFF, 60, frame));
    CHECK(has_event_at(&run, OFF | 3, 40, frame));
    CHECK_EQ(unbalanced_notes(&run), 0);
    playback_free(&run);
}

static void a_replaced_phrase_ends_its_notes_and_its_successor_takes_over_at_once(void)
{
    static playback run;
    const test_note old_note = {0, 60, 0.0, 4.0}, new_note = {0, 62, 0.0, 4.0};
    playback_init(&run, 48000.0, 120.0, 256);
    send_phrase(run.player, 0, 0.0, 4.0, 0, &old_note, 1, NULL, 0);
    play_until(&run, 1.0);
    send_phrase(run.player, 0, 0.0, 4.0, 0, &new_note, 1, NULL, 0);
    long frame = run.frame;
    play_block(&run, 1, 0, 0.0);
    CHECK(has_event_at(&run, OFF, 60, frame));
    CHECK(has_event_at(&run, ON, 62, frame));
    play_until(&run, 5.0);
    CHECK(has_event_at(&run, OFF, 62, frame_of(4.0, 120.0, 48000.0)));
    CHECK_EQ(unbalanced_notes(&run), 0);
    playback_free(&run);
}

static void wait_for_start_replaces_a_phrase_when_it_next_starts(void)
{
    static playback run;
    const test_note first = {0, 60, 0.0, 1.0}, second = {0, 64, 0.0, 1.0};
    const test_note first_new = {0, 61, 0.0, 1.0}, second_new = {0, 65, 0.0, 1.0};
    playback_init(&run, 48000.0, 120.0, 256);
    send_phrase(run.player, 0, 0.0, 4.0, 0, &first, 1, NULL, 0);
    send_phrase(run.player, 1, 4.0, 4.0, 0, &second, 1, NULL, 0);
    play_until(&run, 2.0);
    send_phrase(run.player, 0, 0.0, 4.0, CONTINUO_LINK_WAIT_FOR_START, &first_new, 1, NULL, 0);
    send_phrase(run.player, 1, 4.0, 4.0, CONTINUO_LINK_WAIT_FOR_START, &second_new, 1, NULL, 0);
    play_until(&run, 8.0);
    CHECK(has_event_at(&run, ON, 65, frame_of(4.0, 120.0, 48000.0)));
    CHECK_EQ(find_event(&run, 0, ON, 64), -1);
    CHECK_EQ(find_event(&run, 0, ON, 61), -1);
    long loop_frame = run.frame;
    play_block(&run, 1, 1, 0.0);
    CHECK(has_event_at(&run, ON, 61, loop_frame));
    playback_free(&run);
}

static void a_phrase_program_comes_before_its_first_notes(void)
{
    static playback run;
    const test_note note = {2, 50, 0.0, 1.0};
    const uint8_t first_program[][2] = {{2, 40}}, second_program[][2] = {{2, 41}};
    playback_init(&run, 96000.0, 120.0, 1024);
    send_phrase(run.player, 0, 0.0, 4.0, 0, &note, 1, first_program, 1);
    send_phrase(run.player, 1, 4.0, 4.0, 0, &note, 1, second_program, 1);
    play_until(&run, 8.0);
    int program = find_event(&run, 0, 0xC2, 40);
    CHECK(program == 0 && run.events[1].status == (ON | 2));
    int later = find_event(&run, 0, 0xC2, 41);
    CHECK(later >= 0 && run.events[later].frame == frame_of(4.0, 120.0, 96000.0));
    CHECK(later + 1 < run.count && run.events[later + 1].status == (ON | 2));
    long locate_frame = run.frame;
    play_block(&run, 1, 1, 4.5); /* into phrase 1: its program at once */
    CHECK(has_event_at(&run, 0xC2, 41, locate_frame));
    playback_free(&run);
}

static void a_key_repeated_at_one_frame_is_cut_and_restarted(void)
{
    static playback run;
    const test_note notes[] = {{0, 60, 0.0, 1.0}, {0, 60, 1.0, 2.0}, {0, 67, 2.0, 3.5}, {0, 67, 3.0, 3.75}};
    playback_init(&run, 48000.0, 120.0, 333);
    send_phrase(run.player, 0, 0.0, 4.0, 0, notes, 4, NULL, 0);
    play_until(&run, 4.0);
    long beat_one = frame_of(1.0, 120.0, 48000.0), beat_three = frame_of(3.0, 120.0, 48000.0);
    int off = find_event(&run, 0, OFF, 60);
    CHECK(off >= 0 && run.events[off].frame == beat_one);
    CHECK(off + 1 < run.count && run.events[off + 1].status == ON && run.events[off + 1].frame == beat_one);
    int cut = find_event(&run, 0, OFF, 67);
    CHECK(cut >= 0 && run.events[cut].frame == beat_three && run.events[cut + 1].status == ON);
    CHECK(has_event_at(&run, OFF, 67, frame_of(3.75, 120.0, 48000.0)));
    CHECK_EQ(unbalanced_notes(&run), 0);
    playback_free(&run);
}

static void clear_ends_notes_and_forgets_phrases(void)
{
    static playback run;
    const test_note note = {0, 60, 0.0, 8.0};
    playback_init(&run, 48000.0, 120.0, 256);
    send_phrase(run.player, 0, 0.0, 8.0, 0, &note, 1, NULL, 0);
    play_until(&run, 1.0);
    continuo_link_record clear = {.kind = CONTINUO_LINK_CLEAR};
    continuo_player_receive(run.player, &clear);
    long frame = run.frame;
    play_block(&run, 1, 1, 0.0);
    CHECK(has_event_at(&run, OFF, 60, frame));
    play_until(&run, 4.0);
    CHECK_EQ(run.count, 2);
    playback_free(&run);
}

static void notes_past_the_bounds_are_dropped_and_counted(void)
{
    static playback run;
    static test_note many[CONTINUO_NOTES_PER_PHRASE + 6];
    for (uint32_t n = 0; n < CONTINUO_NOTES_PER_PHRASE + 6; n++) {
        many[n] = (test_note){0, (uint8_t)(n % 128), (n % 256) / 64.0, (n % 256) / 64.0 + 0.01};
    }
    playback_init(&run, 48000.0, 120.0, 256);
    send_phrase(run.player, 0, 0.0, 4.0, 0, many, CONTINUO_NOTES_PER_PHRASE + 6, NULL, 0);
    CHECK_EQ(continuo_player_dropped_notes(run.player), 6);
    send_phrase(run.player, CONTINUO_PHRASES, 0.0, 4.0, 0, many, 3, NULL, 0); /* no such phrase index */
    CHECK_EQ(continuo_player_dropped_notes(run.player), 9);
    playback_free(&run);
}

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* Random phrases, block sizes, jumps, stops and replacements: nothing hangs, nothing allocates. */
static void no_note_ever_hangs_and_nothing_allocates(void)
{
    static playback run;
    static test_note notes[64];
    uint32_t seed = 12345;
    playback_init(&run, 44100.0, 128.0, 32);
    allocations_reset();
    for (int round = 0; round < 400; round++) {
        uint32_t choice = next_random(&seed) % 10;
        if (choice < 2) {
            int count = 1 + (int)(next_random(&seed) % 64);
            for (int n = 0; n < count; n++) {
                double start = (next_random(&seed) % 64) / 16.0;
                notes[n] = (test_note){(uint8_t)(n % 4), (uint8_t)(40 + next_random(&seed) % 12), start,
                                       start + 0.05 + (next_random(&seed) % 64) / 8.0};
            }
            uint8_t flags = (next_random(&seed) & 1) ? CONTINUO_LINK_WAIT_FOR_START : 0;
            uint32_t index = next_random(&seed) % 4;
            send_phrase(run.player, index, index * 4.0, 4.0, flags, notes, count, NULL, 0);
        }
        run.block_frames = 32u << (next_random(&seed) % 8); /* 32 to 4096 */
        run.tempo_bpm = 60.0 + next_random(&seed) % 120;
        if (choice == 2) {
            play_block(&run, 1, 1, (next_random(&seed) % 160) / 10.0);
        } else {
            play_block(&run, choice != 3, 0, 0.0);
        }
        if (run.beat > 16.0) {
            play_block(&run, 1, 1, 0.0);
        }
    }
    play_block(&run, 0, 0, 0.0);
    CHECK_EQ(allocations_counted(), 0);
    CHECK_EQ(continuo_player_sounding(run.player), 0);
    CHECK_EQ(unbalanced_notes(&run), 0);
    CHECK_EQ(run.unordered_blocks, 0);
    CHECK(run.count > 100 && run.count < PLAYBACK_EVENTS);
    playback_free(&run);
}

void player_tests(void)
{
    run_test("positions become frames (3 rates x 3 tempi x 5 sizes)",
             positions_become_frames_at_any_rate_tempo_and_block_size);
    run_test("a tempo change between blocks", a_tempo_change_between_blocks_moves_later_notes);
    run_test("loop and locate: note-offs, chasing", a_loop_ends_sounding_notes_and_chases_the_ones_it_lands_in);
    run_test("stop ends notes; start mid-note chases", stop_ends_notes_and_starting_mid_note_chases_it);
    run_test("deactivate ends every note", deactivate_ends_every_sounding_note);
    run_test("phrase replacement", a_replaced_phrase_ends_its_notes_and_its_successor_takes_over_at_once);
    run_test("WAIT_FOR_START", wait_for_start_replaces_a_phrase_when_it_next_starts);
    run_test("program changes before the phrase's notes", a_phrase_program_comes_before_its_first_notes);
    run_test("a key repeated at one frame", a_key_repeated_at_one_frame_is_cut_and_restarted);
    run_test("CLEAR", clear_ends_notes_and_forgets_phrases);
    run_test("notes past the bounds are counted", notes_past_the_bounds_are_dropped_and_counted);
    run_test("random transport: no hanging note, no allocation", no_note_ever_hangs_and_nothing_allocates);
}
