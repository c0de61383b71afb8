#include "midi_output.h"

void continuo_midi_output_add(continuo_midi_output *output, uint32_t offset_frames, uint8_t size, uint8_t status,
                              uint8_t data1, uint8_t data2)
{
    if (output->count == output->capacity) {
        output->dropped++;
        return;
    }
    continuo_midi_event *event = &output->events[output->count++];
    event->offset_frames = offset_frames;
    event->size = size;
    event->bytes[0] = status;
    event->bytes[1] = data1;
    event->bytes[2] = data2;
}

static int rank(const continuo_midi_event *event)
{
    uint8_t type = event->bytes[0] & 0xF0;
    if (type == 0x80 || (type == 0x90 && event->size == 3 && event->bytes[2] == 0)) {
        return 0;
    }
    return type == 0xC0 ? 1 : 2;
}

static int before(const continuo_midi_event *a, const continuo_midi_event *b)
{
    return a->offset_frames < b->offset_frames || (a->offset_frames == b->offset_frames && rank(a) < rank(b));
}

/* Insertion sort: blocks hold few events, mostly in order already, and it is stable without extra memory. */
void continuo_midi_output_sort(continuo_midi_output *output)
{
    for (uint32_t i = 1; i < output->count; i++) {
        continuo_midi_event moving = output->events[i];
        uint32_t j = i;
        while (j > 0 && before(&moving, &output->events[j - 1])) {
            output->events[j] = output->events[j - 1];
            j--;
        }
        output->events[j] = moving;
    }
}
