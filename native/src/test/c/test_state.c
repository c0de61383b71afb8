/* The saved state: round trips through the table and the core, damaged states refused, copies under writes. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "engine_side.h"
#include "fake_engine.h"
#include "params.h"
#include "plugin_core.h"
#include "state.h"
#include "test_runner.h"

static void receive_all(continuo_phrase_table *table, const continuo_link_record *records, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        continuo_phrase_table_receive(table, &records[i]);
    }
}

/* Phrase 2 of 4 beats: a program, two melody notes, three accompaniment notes. */
static const continuo_link_record PHRASE[] = {
    {.kind = CONTINUO_LINK_PHRASE_BEGIN, .frames = 2, .rate = 3, .beat = 8.0, .value = 4.0},
    {.kind = CONTINUO_LINK_PHRASE_PROGRAM, .a = 2, .b = 48},
    {.kind = CONTINUO_LINK_PHRASE_MELODY, .a = 0, .b = 72, .c = 90, .beat = 0.0, .value = 2.0},
    {.kind = CONTINUO_LINK_PHRASE_MELODY, .a = 0, .b = 74, .c = 90, .beat = 2.0, .value = 4.0},
    {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = 1, .b = 60, .c = 80, .beat = 0.0, .value = 1.0},
    {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = 2, .b = 55, .c = 70, .beat = 1.0, .value = 2.0},
    {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = 3, .b = 43, .c = 60, .beat = 0.0, .value = 4.0},
    {.kind = CONTINUO_LINK_PHRASE_COMMIT, .frames = 2},
};
#define PHRASE_RECORDS (sizeof PHRASE / sizeof PHRASE[0])

static void defaults(double *params)
{
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        params[id] = continuo_param_info_of(id)->fallback;
    }
}

static void a_table_round_trips_through_a_state(void)
{
    static continuo_phrase_table table;
    CHECK(continuo_phrase_table_init(&table));
    receive_all(&table, PHRASE, PHRASE_RECORDS);
    double params[CONTINUO_PARAM_COUNT];
    defaults(params);
    params[CONTINUO_LINK_PARAM_SEED] = 42;
    unsigned char *data = NULL;
    size_t size = 0;
    CHECK_EQ(continuo_state_write(&table, params, &data, &size), CONTINUO_STATE_OK);
    CHECK_EQ(size, CONTINUO_STATE_HEADER_BYTES + (CONTINUO_PARAM_COUNT + PHRASE_RECORDS) * CONTINUO_LINK_RECORD_BYTES);

    continuo_state state;
    CHECK_EQ(continuo_state_read(data, size, &state), CONTINUO_STATE_OK);
    CHECK(state.params[CONTINUO_LINK_PARAM_SEED] == 42 && state.params[CONTINUO_LINK_PARAM_NOISE] == 1.0);
    CHECK_EQ(state.count, PHRASE_RECORDS + 1);
    CHECK(state.records[0].kind == CONTINUO_LINK_CLEAR);
    static continuo_phrase_table copy;
    CHECK(continuo_phrase_table_init(&copy));
    receive_all(&copy, state.records, state.count);
    const continuo_phrase *phrase = continuo_phrase_table_active(&copy, 2);
    CHECK(phrase != NULL && phrase->start_beat == 8.0 && phrase->length_beats == 4.0);
    CHECK(phrase != NULL && phrase->count == 3 && phrase->melody_count == 2 && phrase->program[2] == 48);
    CHECK(phrase != NULL && phrase->notes[2].pitch == 43 && phrase->notes[2].end_beats == 4.0);
    CHECK(phrase != NULL && phrase->melody[1].pitch == 74 && phrase->melody[1].start_beats == 2.0);
    free(state.records);
    free(data);
    continuo_phrase_table_free(&table);
    continuo_phrase_table_free(&copy);
}

static void put_u32(unsigned char *at, uint32_t value)
{
    for (int i = 0; i < 4; i++) {
        at[i] = (unsigned char)(value >> (8 * i));
    }
}

/* A state of the given records (the header made to match). */
static unsigned char *state_of(const continuo_link_record *records, uint32_t count, size_t *size)
{
    *size = CONTINUO_STATE_HEADER_BYTES + (size_t)count * CONTINUO_LINK_RECORD_BYTES;
    unsigned char *data = calloc(1, *size);
    put_u32(data, CONTINUO_STATE_MAGIC);
    put_u32(data + 4, CONTINUO_STATE_VERSION);
    put_u32(data + 8, count);
    memcpy(data + CONTINUO_STATE_HEADER_BYTES, records, (size_t)count * CONTINUO_LINK_RECORD_BYTES);
    return data;
}

static int read_records(const continuo_link_record *records, uint32_t count)
{
    size_t size;
    unsigned char *data = state_of(records, count, &size);
    continuo_state state;
    int outcome = continuo_state_read(data, size, &state);
    if (outcome == CONTINUO_STATE_OK) {
        free(state.records);
    }
    free(data);
    return outcome;
}

static void a_damaged_state_is_refused(void)
{
    continuo_link_record records[PHRASE_RECORDS];
    memcpy(records, PHRASE, sizeof records);
    CHECK_EQ(read_records(records, PHRASE_RECORDS), CONTINUO_STATE_OK);
    CHECK_EQ(read_records(records, PHRASE_RECORDS - 1), CONTINUO_STATE_DAMAGED); /* no COMMIT */
    CHECK_EQ(read_records(records + 1, PHRASE_RECORDS - 1), CONTINUO_STATE_DAMAGED); /* no BEGIN */
    records[4].value = records[4].beat;
    CHECK_EQ(read_records(records, PHRASE_RECORDS), CONTINUO_STATE_DAMAGED); /* a note that ends where it starts */
    records[4] = PHRASE[4];
    records[5].b = 200;
    CHECK_EQ(read_records(records, PHRASE_RECORDS), CONTINUO_STATE_DAMAGED); /* pitch 200 */
    records[5] = PHRASE[5];
    records[0].frames = CONTINUO_PHRASES;
    CHECK_EQ(read_records(records, PHRASE_RECORDS), CONTINUO_STATE_DAMAGED); /* no such phrase */
    records[0] = PHRASE[0];
    records[0].value = 0.0 / 0.0;
    CHECK_EQ(read_records(records, PHRASE_RECORDS), CONTINUO_STATE_DAMAGED); /* NaN length */
    records[0] = PHRASE[0];
    records[3].kind = CONTINUO_LINK_BLOCK;
    CHECK_EQ(read_records(records, PHRASE_RECORDS), CONTINUO_STATE_DAMAGED); /* a kind no state has */
    records[3] = PHRASE[3];
    continuo_link_record late_setting[PHRASE_RECORDS + 1];
    memcpy(late_setting, PHRASE, sizeof PHRASE);
    late_setting[PHRASE_RECORDS] = (continuo_link_record){.kind = CONTINUO_LINK_SETTING, .a = 1, .value = 0.0};
    CHECK_EQ(read_records(late_setting, PHRASE_RECORDS + 1), CONTINUO_STATE_DAMAGED); /* settings come first */
    continuo_link_record unknown = {.kind = CONTINUO_LINK_SETTING, .a = CONTINUO_LINK_PARAMS, .value = 1.0};
    CHECK_EQ(read_records(&unknown, 1), CONTINUO_STATE_DAMAGED);

    size_t size;
    unsigned char *data = state_of(PHRASE, PHRASE_RECORDS, &size);
    continuo_state state;
    CHECK_EQ(continuo_state_read(data, size - 1, &state), CONTINUO_STATE_DAMAGED); /* truncated */
    CHECK_EQ(continuo_state_read(data, 8, &state), CONTINUO_STATE_NOT_CONTINUO);
    put_u32(data + 8, 0xFFFFFFFFu);
    CHECK_EQ(continuo_state_read(data, size, &state), CONTINUO_STATE_DAMAGED); /* a count that lies */
    put_u32(data + 4, CONTINUO_STATE_VERSION + 1);
    CHECK_EQ(continuo_state_read(data, size, &state), CONTINUO_STATE_NEWER);
    data[0] = 'X';
    CHECK_EQ(continuo_state_read(data, size, &state), CONTINUO_STATE_NOT_CONTINUO);
    CHECK_EQ(continuo_state_read(NULL, 0, &state), CONTINUO_STATE_NOT_CONTINUO);
    free(data);
}

/* xorshift: the same mutants on every run. */
static uint32_t next_random(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

/* Mutants of a valid state (bytes changed, cut short, records repeated): each is refused or reads whole. */
static void mutated_states_are_refused_or_read_whole(void)
{
    size_t size;
    unsigned char *valid = state_of(PHRASE, PHRASE_RECORDS, &size);
    unsigned char *mutant = malloc(size * 2);
    uint32_t random = 0x9E3779B9u;
    int refused = 0, read = 0, broken = 0;
    static continuo_phrase_table table; /* a state's records begin with CLEAR: one table serves every mutant */
    CHECK(continuo_phrase_table_init(&table));
    for (int i = 0; i < 20000; i++) {
        memcpy(mutant, valid, size);
        size_t mutant_size = size;
        switch (next_random(&random) % 3) {
        case 0:
            for (uint32_t flips = next_random(&random) % 4 + 1; flips > 0; flips--) {
                mutant[next_random(&random) % size] ^= (unsigned char)(1u << (next_random(&random) % 8));
            }
            break;
        case 1:
            mutant_size = next_random(&random) % size;
            break;
        default:
            memcpy(mutant + size, valid + CONTINUO_STATE_HEADER_BYTES, size - CONTINUO_STATE_HEADER_BYTES);
            mutant_size = size * 2 - CONTINUO_STATE_HEADER_BYTES;
            break;
        }
        continuo_state state;
        if (continuo_state_read(mutant, mutant_size, &state) != CONTINUO_STATE_OK) {
            refused++;
            continue;
        }
        read++;
        receive_all(&table, state.records, state.count);
        for (uint32_t index = 0; index < CONTINUO_PHRASES; index++) {
            const continuo_phrase *phrase = continuo_phrase_table_active(&table, index);
            for (uint32_t n = 0; phrase != NULL && n < phrase->count; n++) {
                broken += !(phrase->notes[n].pitch < 128 && phrase->notes[n].end_beats > phrase->notes[n].start_beats);
            }
        }
        for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
            const continuo_param_info *info = continuo_param_info_of(id);
            broken += !(state.params[id] >= info->min && state.params[id] <= info->max);
        }
        free(state.records);
    }
    continuo_phrase_table_free(&table);
    CHECK(refused > 1000 && read > 100); /* both kinds occur: the mutants reach past the first check */
    CHECK_EQ(broken, 0);
    free(mutant);
    free(valid);
}

/* The writer stores phrase k with k % 50 + 1 notes, every note of pitch k % 128; a copy must never mix two. */
typedef struct churn {
    continuo_phrase_table table;
    atomic_int stop;
} churn;

static void *rewrite_phrase(void *argument)
{
    churn *shared = argument;
    for (uint32_t k = 1; !atomic_load(&shared->stop); k++) {
        continuo_link_record begin = {.kind = CONTINUO_LINK_PHRASE_BEGIN, .frames = 0, .rate = k % 50 + 1,
                                      .beat = 0.0, .value = 4.0, .flags = (k % 3 == 0) ? CONTINUO_LINK_WAIT_FOR_START : 0};
        continuo_phrase_table_receive(&shared->table, &begin);
        for (uint32_t n = 0; n < k % 50 + 1; n++) {
            continuo_link_record note = {.kind = CONTINUO_LINK_PHRASE_NOTE, .a = 1, .b = (uint8_t)(k % 128),
                                         .c = 80, .beat = n * 0.01, .value = n * 0.01 + 0.5};
            continuo_phrase_table_receive(&shared->table, &note);
        }
        continuo_link_record commit = {.kind = CONTINUO_LINK_PHRASE_COMMIT, .frames = 0};
        continuo_phrase_table_receive(&shared->table, &commit);
        if (k % 5 == 0 && continuo_phrase_table_waiting(&shared->table, 0) != NULL) {
            continuo_phrase_table_take_over(&shared->table, 0);
        }
    }
    return NULL;
}

static void a_copy_never_mixes_two_versions_of_a_phrase(void)
{
    static churn shared;
    static continuo_phrase copy;
    CHECK(continuo_phrase_table_init(&shared.table));
    atomic_init(&shared.stop, 0);
    pthread_t writer;
    CHECK(pthread_create(&writer, NULL, rewrite_phrase, &shared) == 0);
    int copies = 0, torn = 0;
    for (long tries = 0; copies < 200000 && tries < 100000000L; tries++) {
        if (!continuo_phrase_table_copy(&shared.table, 0, &copy)) {
            continue; /* the writer has not committed its first phrase yet */
        }
        copies++;
        uint8_t pitch = copy.notes[0].pitch;
        int whole = copy.count >= 1 && copy.count <= 50;
        for (uint32_t n = 0; whole && n < copy.count; n++) {
            whole = copy.notes[n].pitch == pitch;
        }
        /* count = k % 50 + 1 and pitch = k % 128 for one k: k ≡ count - 1 (mod 50), k ≡ pitch (mod 128) */
        whole = whole && (pitch % 2) == ((copy.count - 1) % 2);
        torn += !whole;
    }
    atomic_store(&shared.stop, 1);
    pthread_join(writer, NULL);
    CHECK_EQ(copies, 200000);
    CHECK_EQ(torn, 0);
    continuo_phrase_table_free(&shared.table);
}

static continuo_transport rolling_at(double beat)
{
    continuo_transport block = {0};
    block.rolling = 1;
    block.position = 1;
    block.beat = beat;
    block.tempo_bpm = 120.0;
    block.sample_rate = 48000.0;
    block.frames = 256;
    block.beats_per_bar = 4;
    block.beat_unit = 4;
    return block;
}

/* A state restored into a core plays without an engine, saves as it was, and is told to the next engine. */
static void a_restored_core_plays_saves_and_tells_the_engine(void)
{
    setenv("CONTINUO_SOCKET", "/tmp/continuo-test-no-engine.sock", 1);
    continuo_core *core = continuo_core_create("state");
    double params[CONTINUO_PARAM_COUNT];
    defaults(params);
    params[CONTINUO_LINK_PARAM_THRU] = 0;
    params[CONTINUO_LINK_PARAM_VELOCITY_1 + 2] = 150;
    static continuo_phrase_table table;
    CHECK(continuo_phrase_table_init(&table));
    receive_all(&table, PHRASE, PHRASE_RECORDS);
    unsigned char *saved = NULL;
    size_t size = 0;
    CHECK_EQ(continuo_state_write(&table, params, &saved, &size), CONTINUO_STATE_OK);
    continuo_phrase_table_free(&table);

    CHECK_EQ(continuo_core_restore(core, saved, size - 32), CONTINUO_STATE_DAMAGED);
    CHECK(continuo_core_param(core, CONTINUO_LINK_PARAM_THRU) == 1.0); /* a refused state changes nothing */
    CHECK_EQ(continuo_core_restore(core, saved, size), CONTINUO_STATE_OK);
    CHECK(continuo_core_param(core, CONTINUO_LINK_PARAM_THRU) == 0.0);
    CHECK(continuo_core_param(core, CONTINUO_LINK_PARAM_VELOCITY_1 + 2) == 150.0);

    unsigned char *again = NULL;
    size_t again_size = 0; /* before the player has taken it: saved as restored */
    CHECK_EQ(continuo_core_save(core, &again, &again_size), CONTINUO_STATE_OK);
    CHECK(again_size == size && memcmp(again, saved, size) == 0);
    free(again);

    continuo_midi_event buffer[64];
    continuo_midi_output output = {buffer, 64, 0, 0};
    continuo_transport block = rolling_at(9.0 - 100 / 24000.0); /* phrase 2's note at beat 1 starts at frame 100 */
    allocations_reset();
    continuo_core_process(core, &block, NULL, 0, &output);
    CHECK_EQ(allocations_counted(), 0);
    int found = 0;
    for (uint32_t i = 0; i < output.count; i++) {
        found |= buffer[i].offset_frames == 100 && buffer[i].bytes[0] == 0x92 && buffer[i].bytes[1] == 55;
    }
    CHECK(found);
    CHECK_EQ(continuo_core_phrases(core), 1);
    CHECK_EQ(continuo_core_save(core, &again, &again_size), CONTINUO_STATE_OK); /* now from the player's table */
    CHECK(again_size == size && memcmp(again, saved, size) == 0);
    free(again);

    static fake_engine engine; /* an engine appears: it hears the settings and the restored melody */
    CHECK(fake_engine_start(&engine));
    for (int waited = 0; waited < 3000 && !continuo_core_connected(core); waited += 5) {
        output.count = 0;
        continuo_core_process(core, &block, NULL, 0, &output);
        test_sleep_ms(5);
    }
    CHECK(continuo_core_connected(core));
    output.count = 0;
    continuo_core_process(core, &block, NULL, 0, &output);
    continuo_link_record record;
    int settings = 0, begins = 0, melody = 0, commits = 0;
    while (continuo_ring_pop(&engine.links[0].to_engine, &record)) {
        settings += record.kind == CONTINUO_LINK_SETTING;
        begins += record.kind == CONTINUO_LINK_RESTORE_BEGIN && record.frames == 2 && record.beat == 8.0
                  && record.value == 4.0 && record.rate == 2;
        melody += record.kind == CONTINUO_LINK_RESTORE_NOTE && record.b >= 72;
        commits += record.kind == CONTINUO_LINK_RESTORE_COMMIT && record.frames == 2;
    }
    CHECK(settings >= (int)CONTINUO_PARAM_COUNT);
    CHECK(begins == 1 && melody == 2 && commits == 1);
    continuo_core_destroy(core);
    fake_engine_stop(&engine);
    free(saved);
}

void state_tests(void)
{
    run_test("state: a table round-trips", a_table_round_trips_through_a_state);
    run_test("state: damaged states are refused", a_damaged_state_is_refused);
    run_test("state: 20,000 mutants refused or read whole", mutated_states_are_refused_or_read_whole);
    run_test("state: copies never tear under writes", a_copy_never_mixes_two_versions_of_a_phrase);
    run_test("state: restored core plays, saves, tells engine", a_restored_core_plays_saves_and_tells_the_engine);
}
