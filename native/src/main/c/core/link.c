#define _POSIX_C_SOURCE 200809L
#include "link.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

_Static_assert(sizeof(continuo_link_record) == CONTINUO_LINK_RECORD_BYTES, "a record is 32 bytes");
_Static_assert((CONTINUO_LINK_TO_ENGINE_RECORDS & (CONTINUO_LINK_TO_ENGINE_RECORDS - 1)) == 0, "power of two");
_Static_assert((CONTINUO_LINK_TO_PLUGIN_RECORDS & (CONTINUO_LINK_TO_PLUGIN_RECORDS - 1)) == 0, "power of two");

/* The shared words are plain 64-bit fields of the file, accessed as atomics (lock-free on every target). */
static _Atomic uint64_t *word64(unsigned char *base, size_t offset)
{
    return (_Atomic uint64_t *)(void *)(base + offset);
}

static uint32_t field32(const unsigned char *base, size_t offset)
{
    uint32_t value;
    memcpy(&value, base + offset, sizeof value);
    return value;
}

static void ring_init(continuo_ring *ring, unsigned char *base, uint32_t records)
{
    ring->base = base;
    ring->records = records;
    atomic_init(&ring->dropped, 0);
}

static int check_header(const unsigned char *base)
{
    if (field32(base, CONTINUO_LINK_H_MAGIC) != CONTINUO_LINK_MAGIC) {
        return CONTINUO_LINK_WRONG_MAGIC;
    }
    if (field32(base, CONTINUO_LINK_H_VERSION) != CONTINUO_LINK_VERSION) {
        return CONTINUO_LINK_WRONG_VERSION;
    }
    return CONTINUO_LINK_OK;
}

int continuo_link_map(continuo_link *link, const char *path)
{
    memset(link, 0, sizeof *link);
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return CONTINUO_LINK_CANNOT_OPEN;
    }
    struct stat status;
    if (fstat(fd, &status) != 0 || (size_t)status.st_size != CONTINUO_LINK_FILE_BYTES) {
        close(fd);
        return CONTINUO_LINK_WRONG_SIZE;
    }
    void *base = mmap(NULL, CONTINUO_LINK_FILE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd); /* the mapping keeps the file */
    if (base == MAP_FAILED) {
        return CONTINUO_LINK_CANNOT_MAP;
    }
    int header = check_header(base);
    if (header != CONTINUO_LINK_OK) {
        munmap(base, CONTINUO_LINK_FILE_BYTES);
        return header;
    }
    link->base = base;
    link->bytes = CONTINUO_LINK_FILE_BYTES;
    ring_init(&link->to_engine, link->base + CONTINUO_LINK_TO_ENGINE_OFFSET, CONTINUO_LINK_TO_ENGINE_RECORDS);
    ring_init(&link->to_plugin, link->base + CONTINUO_LINK_TO_PLUGIN_OFFSET, CONTINUO_LINK_TO_PLUGIN_RECORDS);
    return CONTINUO_LINK_OK;
}

void continuo_link_unmap(continuo_link *link)
{
    if (link->base != NULL) {
        munmap(link->base, link->bytes);
    }
    memset(link, 0, sizeof *link);
}

static unsigned char *slot(const continuo_ring *ring, uint64_t index)
{
    return ring->base + CONTINUO_LINK_RING_RECORDS + (index & (ring->records - 1)) * CONTINUO_LINK_RECORD_BYTES;
}

int continuo_ring_push(continuo_ring *ring, const continuo_link_record *record)
{
    _Atomic uint64_t *head = word64(ring->base, CONTINUO_LINK_RING_HEAD);
    _Atomic uint64_t *tail = word64(ring->base, CONTINUO_LINK_RING_TAIL);
    uint64_t written = atomic_load_explicit(tail, memory_order_relaxed); /* only this side writes it */
    uint64_t read = atomic_load_explicit(head, memory_order_acquire);
    if (written - read >= ring->records) {
        atomic_fetch_add_explicit(&ring->dropped, 1, memory_order_relaxed);
        return 0;
    }
    memcpy(slot(ring, written), record, CONTINUO_LINK_RECORD_BYTES);
    atomic_store_explicit(tail, written + 1, memory_order_release);
    return 1;
}

uint32_t continuo_ring_room(const continuo_ring *ring)
{
    _Atomic uint64_t *head = word64(ring->base, CONTINUO_LINK_RING_HEAD);
    _Atomic uint64_t *tail = word64(ring->base, CONTINUO_LINK_RING_TAIL);
    uint64_t used = atomic_load_explicit(tail, memory_order_relaxed) - atomic_load_explicit(head, memory_order_acquire);
    return used >= ring->records ? 0u : (uint32_t)(ring->records - used);
}

int continuo_ring_pop(continuo_ring *ring, continuo_link_record *record)
{
    _Atomic uint64_t *head = word64(ring->base, CONTINUO_LINK_RING_HEAD);
    _Atomic uint64_t *tail = word64(ring->base, CONTINUO_LINK_RING_TAIL);
    uint64_t read = atomic_load_explicit(head, memory_order_relaxed); /* only this side writes it */
    uint64_t written = atomic_load_explicit(tail, memory_order_acquire);
    if (read == written) {
        return 0;
    }
    memcpy(record, slot(ring, read), CONTINUO_LINK_RECORD_BYTES);
    atomic_store_explicit(head, read + 1, memory_order_release);
    return 1;
}

void continuo_link_beat(continuo_link *link)
{
    atomic_fetch_add_explicit(word64(link->base, CONTINUO_LINK_H_PLUGIN_BEAT), 1, memory_order_release);
}

uint64_t continuo_link_engine_beat(const continuo_link *link)
{
    return atomic_load_explicit(word64(link->base, CONTINUO_LINK_H_ENGINE_BEAT), memory_order_acquire);
}

uint64_t continuo_link_plugin_beat(const continuo_link *link)
{
    return atomic_load_explicit(word64(link->base, CONTINUO_LINK_H_PLUGIN_BEAT), memory_order_acquire);
}

int continuo_link_closed(const continuo_link *link)
{
    _Atomic uint32_t *closed = (_Atomic uint32_t *)(void *)(link->base + CONTINUO_LINK_H_CLOSED);
    return atomic_load_explicit(closed, memory_order_acquire) != 0;
}
