/* The link: mapping checks and the ring protocol between two mappings of one file, as plug-in and engine. */
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "link.h"
#include "link_file.h"
#include "test_runner.h"

static continuo_link_record numbered(uint32_t number)
{
    continuo_link_record record = {0};
    record.kind = CONTINUO_LINK_PHRASE_NOTE;
    record.a = (uint8_t)number;
    record.frames = number;
    record.rate = ~number;
    record.beat = number * 0.25;
    record.value = -(double)number;
    return record;
}

static void records_written_through_one_mapping_are_read_through_another(void)
{
    char path[64];
    continuo_link engine, plugin;
    CHECK(make_link_file(path, sizeof path, CONTINUO_LINK_MAGIC, CONTINUO_LINK_VERSION, CONTINUO_LINK_FILE_BYTES));
    CHECK_EQ(continuo_link_map(&engine, path), CONTINUO_LINK_OK);
    CHECK_EQ(continuo_link_map(&plugin, path), CONTINUO_LINK_OK);
    uint32_t written = 0, read = 0, mismatches = 0;
    continuo_link_record record;
    /* Three times round the ring, in uneven bursts, so the indices wrap. */
    while (read < 3 * CONTINUO_LINK_TO_PLUGIN_RECORDS) {
        for (int burst = 0; burst < 1000; burst++) {
            continuo_link_record sent = numbered(written);
            written += (uint32_t)continuo_ring_push(&engine.to_plugin, &sent);
        }
        for (int burst = 0; burst < 700 && continuo_ring_pop(&plugin.to_plugin, &record); burst++) {
            continuo_link_record expected = numbered(read++);
            mismatches += memcmp(&record, &expected, sizeof record) != 0;
        }
    }
    CHECK_EQ(mismatches, 0);
    continuo_link_record sent = numbered(7);
    CHECK(continuo_ring_push(&plugin.to_engine, &sent));
    CHECK(continuo_ring_pop(&engine.to_engine, &record) && memcmp(&record, &sent, sizeof record) == 0);
    CHECK(!continuo_ring_pop(&engine.to_engine, &record));
    continuo_link_unmap(&engine);
    continuo_link_unmap(&plugin);
    unlink(path);
}

static void a_full_ring_drops_and_counts_without_blocking(void)
{
    char path[64];
    continuo_link plugin, engine;
    CHECK(make_link_file(path, sizeof path, CONTINUO_LINK_MAGIC, CONTINUO_LINK_VERSION, CONTINUO_LINK_FILE_BYTES));
    CHECK_EQ(continuo_link_map(&plugin, path), CONTINUO_LINK_OK);
    CHECK_EQ(continuo_link_map(&engine, path), CONTINUO_LINK_OK);
    uint32_t accepted = 0;
    for (uint32_t i = 0; i < CONTINUO_LINK_TO_ENGINE_RECORDS + 100; i++) {
        continuo_link_record record = numbered(i);
        accepted += (uint32_t)continuo_ring_push(&plugin.to_engine, &record);
    }
    CHECK_EQ(accepted, CONTINUO_LINK_TO_ENGINE_RECORDS);
    CHECK_EQ(atomic_load(&plugin.to_engine.dropped), 100);
    continuo_link_record record;
    CHECK(continuo_ring_pop(&engine.to_engine, &record) && record.frames == 0);
    continuo_link_record more = numbered(99999);
    CHECK(continuo_ring_push(&plugin.to_engine, &more)); /* one slot freed, one record fits */
    CHECK(!continuo_ring_push(&plugin.to_engine, &more));
    continuo_link_unmap(&plugin);
    continuo_link_unmap(&engine);
    unlink(path);
}

static void heartbeats_and_the_closed_flag_cross_mappings(void)
{
    char path[64];
    continuo_link plugin, engine;
    CHECK(make_link_file(path, sizeof path, CONTINUO_LINK_MAGIC, CONTINUO_LINK_VERSION, CONTINUO_LINK_FILE_BYTES));
    CHECK_EQ(continuo_link_map(&plugin, path), CONTINUO_LINK_OK);
    CHECK_EQ(continuo_link_map(&engine, path), CONTINUO_LINK_OK);
    continuo_link_beat(&plugin);
    continuo_link_beat(&plugin);
    CHECK_EQ(continuo_link_plugin_beat(&engine), 2);
    CHECK_EQ(continuo_link_engine_beat(&plugin), 0);
    uint64_t engine_beat = 5;
    memcpy(engine.base + CONTINUO_LINK_H_ENGINE_BEAT, &engine_beat, sizeof engine_beat);
    CHECK_EQ(continuo_link_engine_beat(&plugin), 5);
    CHECK(!continuo_link_closed(&plugin));
    uint32_t closed = 1;
    memcpy(engine.base + CONTINUO_LINK_H_CLOSED, &closed, sizeof closed);
    CHECK(continuo_link_closed(&plugin));
    continuo_link_unmap(&plugin);
    continuo_link_unmap(&engine);
    unlink(path);
}

static void a_file_that_is_not_a_link_is_refused(void)
{
    char path[64];
    continuo_link link;
    CHECK(make_link_file(path, sizeof path, 0x12345678u, CONTINUO_LINK_VERSION, CONTINUO_LINK_FILE_BYTES));
    CHECK_EQ(continuo_link_map(&link, path), CONTINUO_LINK_WRONG_MAGIC);
    CHECK(link.base == NULL);
    unlink(path);
    CHECK(make_link_file(path, sizeof path, CONTINUO_LINK_MAGIC, CONTINUO_LINK_VERSION + 1, CONTINUO_LINK_FILE_BYTES));
    CHECK_EQ(continuo_link_map(&link, path), CONTINUO_LINK_WRONG_VERSION);
    unlink(path);
    CHECK(make_link_file(path, sizeof path, CONTINUO_LINK_MAGIC, CONTINUO_LINK_VERSION, 4096));
    CHECK_EQ(continuo_link_map(&link, path), CONTINUO_LINK_WRONG_SIZE);
    unlink(path);
    CHECK_EQ(continuo_link_map(&link, "/nonexistent/continuo.link"), CONTINUO_LINK_CANNOT_OPEN);
}

void link_tests(void)
{
    run_test("ring round trip through two mappings", records_written_through_one_mapping_are_read_through_another);
    run_test("a full ring drops and counts", a_full_ring_drops_and_counts_without_blocking);
    run_test("heartbeats and the closed flag", heartbeats_and_the_closed_flag_cross_mappings);
    run_test("wrong magic, version, size, path", a_file_that_is_not_a_link_is_refused);
}
