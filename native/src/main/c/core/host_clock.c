#include "host_clock.h"

#include <math.h>

void continuo_host_clock_place(const continuo_host_clock *clock, continuo_transport *block, int placed,
                               double host_beat)
{
    block->beat = clock->next_beat;
    block->position = placed;
    block->jumped = 0;
    if (!placed) {
        return;
    }
    double drift = fabs(host_beat - clock->next_beat);
    int contiguous = block->rolling && clock->was_rolling;
    if (!contiguous || drift > clock->rounding_beats) {
        block->beat = host_beat;
    }
    block->jumped = contiguous && drift > CONTINUO_HOST_JUMP_BEATS;
}

void continuo_host_clock_advance(continuo_host_clock *clock, const continuo_transport *block)
{
    clock->was_rolling = block->rolling;
    clock->next_beat = block->beat
                       + (block->rolling ? block->frames * block->tempo_bpm / 60.0 / block->sample_rate : 0.0);
}
