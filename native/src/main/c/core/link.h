/*
 * One plug-in instance's view of a link file made by the engine (continuo_link.h): the mapping, the two rings and
 * the heartbeats. Mapping and unmapping happen on the core's background thread; push, pop and the plug-in
 * heartbeat are wait-free and safe on the audio thread (one producer and one consumer per ring).
 */
#ifndef CONTINUO_CORE_LINK_H
#define CONTINUO_CORE_LINK_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "continuo_link.h"

/* A ring inside the mapping: monotonic 64-bit indices, slot = index & (records - 1). */
typedef struct continuo_ring {
    unsigned char *base;
    uint32_t records;
    atomic_uint_fast64_t dropped; /* records refused because the ring was full */
} continuo_ring;

typedef struct continuo_link {
    unsigned char *base;
    size_t bytes;
    continuo_ring to_engine;
    continuo_ring to_plugin;
} continuo_link;

/* Why a mapping failed. */
enum continuo_link_error {
    CONTINUO_LINK_OK = 0,
    CONTINUO_LINK_CANNOT_OPEN = -1,
    CONTINUO_LINK_WRONG_SIZE = -2,
    CONTINUO_LINK_CANNOT_MAP = -3,
    CONTINUO_LINK_WRONG_MAGIC = -4,
    CONTINUO_LINK_WRONG_VERSION = -5
};

/* Maps the file at path read-write and checks its magic, version and size; on failure nothing stays mapped. */
int continuo_link_map(continuo_link *link, const char *path);
void continuo_link_unmap(continuo_link *link);

/* Producer side: copies the record in and releases it; returns 0 (and counts a drop) if the ring is full. */
int continuo_ring_push(continuo_ring *ring, const continuo_link_record *record);
/* Producer side: records that can be pushed now (at least this many; the consumer may free more). */
uint32_t continuo_ring_room(const continuo_ring *ring);
/* Consumer side: copies the oldest record out and frees its slot; returns 0 if the ring is empty. */
int continuo_ring_pop(continuo_ring *ring, continuo_link_record *record);

/* The plug-in adds 1 every block. */
void continuo_link_beat(continuo_link *link);
uint64_t continuo_link_engine_beat(const continuo_link *link);
uint64_t continuo_link_plugin_beat(const continuo_link *link);
/* Nonzero once the engine has let the link go. */
int continuo_link_closed(const continuo_link *link);

#endif
