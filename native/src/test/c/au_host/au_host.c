#include "au_host.h"

#include <stddef.h>
#include <string.h>

#include "test_runner.h"

const continuo_au_description AU_HOST_MIDI_PROCESSOR = {CONTINUO_AU_TYPE_MIDI_PROCESSOR,
                                                        CONTINUO_AU_FOURCC('C', 'n', 't', 'o'),
                                                        CONTINUO_AU_FOURCC('C', 'n', 't', 'u'), 0, 0};

#define LOOK(host, field, type, selector) \
    ((host)->field = (type)(void (*)(void))(host)->unit->lookup(selector), (host)->field != NULL)

int au_host_open(au_host *h)
{
    memset(h, 0, sizeof *h);
    h->unit = ContinuoAUFactory(&AU_HOST_MIDI_PROCESSOR);
    if (h->unit == NULL || h->unit->open(h->unit, h) != CONTINUO_AU_OK) {
        return 0;
    }
    int all = LOOK(h, initialize, au_initialize_fn, CONTINUO_AU_INITIALIZE);
    all &= LOOK(h, uninitialize, au_initialize_fn, CONTINUO_AU_UNINITIALIZE);
    all &= LOOK(h, property_info, au_property_info_fn, CONTINUO_AU_GET_PROPERTY_INFO);
    all &= LOOK(h, get_property, au_get_property_fn, CONTINUO_AU_GET_PROPERTY);
    all &= LOOK(h, set_property, au_set_property_fn, CONTINUO_AU_SET_PROPERTY);
    all &= LOOK(h, get_parameter, au_get_parameter_fn, CONTINUO_AU_GET_PARAMETER);
    all &= LOOK(h, set_parameter, au_set_parameter_fn, CONTINUO_AU_SET_PARAMETER);
    all &= LOOK(h, reset, au_reset_fn, CONTINUO_AU_RESET);
    all &= LOOK(h, render, au_render_fn, CONTINUO_AU_RENDER);
    all &= LOOK(h, midi_event, au_midi_event_fn, CONTINUO_AU_MIDI_EVENT);
    return all;
}

static continuo_au_status beat_and_tempo(void *user, double *beat, double *tempo)
{
    au_host *h = user;
    if (beat != NULL) {
        *beat = h->frame * AU_HOST_TEMPO / 60.0 / AU_HOST_RATE;
    }
    if (tempo != NULL) {
        *tempo = AU_HOST_TEMPO;
    }
    return CONTINUO_AU_OK;
}

static continuo_au_status musical_time(void *user, uint32_t *to_next_beat, float *numerator, uint32_t *denominator,
                                       double *downbeat)
{
    (void)user;
    (void)to_next_beat;
    (void)downbeat;
    *numerator = 4.0f;
    *denominator = 4;
    return CONTINUO_AU_OK;
}

static continuo_au_status transport_state2(void *user, continuo_au_boolean *playing, continuo_au_boolean *recording,
                                           continuo_au_boolean *changed, double *sample, continuo_au_boolean *cycling,
                                           double *cycle_start, double *cycle_end)
{
    (void)recording;
    (void)changed;
    (void)sample;
    (void)cycling;
    (void)cycle_start;
    (void)cycle_end;
    *playing = (continuo_au_boolean)((au_host *)user)->playing;
    return CONTINUO_AU_OK;
}

/* Reads the packet list as a host does, packet after packet (MIDIPacketNext). */
static continuo_au_status collect(void *user, const continuo_au_time_stamp *time, uint32_t output,
                                  const continuo_au_midi_packet_list *list)
{
    au_host *h = user;
    h->misstamped += output != 0 || time == NULL;
    const uint8_t *packet = (const uint8_t *)list + offsetof(continuo_au_midi_packet_list, packets);
    for (uint32_t i = 0; i < list->packet_count; i++) {
        uint64_t stamp;
        uint16_t length;
        memcpy(&stamp, packet + offsetof(continuo_au_midi_packet, time_stamp), sizeof stamp);
        memcpy(&length, packet + offsetof(continuo_au_midi_packet, length), sizeof length);
        h->misstamped += stamp >= AU_HOST_BUFFER || length < 2 || length > 3;
        if (h->heard < AU_HOST_HEARD) {
            h->out[h->heard].frame = h->frame + (long)stamp;
            memset(h->out[h->heard].data, 0, 3);
            memcpy(h->out[h->heard].data, packet + offsetof(continuo_au_midi_packet, data), length);
            h->heard++;
        }
        size_t next = offsetof(continuo_au_midi_packet, data) + length;
#if defined(__arm__) || defined(__aarch64__)
        next = (next + 3u) & ~(size_t)3u;
#endif
        packet += next;
    }
    return CONTINUO_AU_OK;
}

void au_host_connect(au_host *h)
{
    continuo_au_host_callbacks callbacks = {h, beat_and_tempo, musical_time, NULL, transport_state2};
    CHECK_EQ(h->set_property(h->unit, CONTINUO_AU_PROPERTY_HOST_CALLBACKS, CONTINUO_AU_SCOPE_GLOBAL, 0, &callbacks,
                             sizeof callbacks),
             CONTINUO_AU_OK);
    continuo_au_midi_output output = {collect, h};
    CHECK_EQ(h->set_property(h->unit, CONTINUO_AU_PROPERTY_MIDI_OUTPUT_CALLBACK, CONTINUO_AU_SCOPE_GLOBAL, 0, &output,
                             sizeof output),
             CONTINUO_AU_OK);
    double rate = AU_HOST_RATE;
    CHECK_EQ(h->set_property(h->unit, CONTINUO_AU_PROPERTY_SAMPLE_RATE, CONTINUO_AU_SCOPE_GLOBAL, 0, &rate,
                             sizeof rate),
             CONTINUO_AU_OK);
}

void au_host_render(au_host *h)
{
    continuo_au_time_stamp time = {0};
    time.sample_time = (double)h->frame;
    uint32_t flags = 0;
    CHECK_EQ(h->render(h->unit, &flags, &time, 0, AU_HOST_BUFFER, NULL), CONTINUO_AU_OK);
    if (h->playing) {
        h->frame += AU_HOST_BUFFER;
    }
}

void au_host_render_block(void *host)
{
    au_host_render(host);
}

int au_host_sounding(const au_host *h, uint8_t status)
{
    int balance = 0;
    for (int i = 0; i < h->heard; i++) {
        uint8_t type = h->out[i].data[0] & 0xF0;
        if ((h->out[i].data[0] & 0x0F) == (status & 0x0F)) {
            balance += type == 0x90 ? 1 : (type == 0x80 ? -1 : 0);
        }
    }
    return balance;
}
