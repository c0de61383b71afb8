#include "timeline.h"

#include <math.h>
#include <string.h>

void clap_timeline_init(clap_timeline *timeline, double sample_rate, double tempo_bpm, uint16_t beats_per_bar,
                        uint16_t beat_unit)
{
    memset(timeline, 0, sizeof *timeline);
    timeline->sample_rate = sample_rate;
    timeline->tempo_bpm = tempo_bpm;
    timeline->beats_per_bar = beats_per_bar;
    timeline->beat_unit = beat_unit;
}

double clap_timeline_frames(const clap_timeline *timeline, double beats)
{
    return beats * 60.0 / timeline->tempo_bpm * timeline->sample_rate;
}

void clap_timeline_loop(clap_timeline *timeline, double start_beats, double end_beats)
{
    timeline->loop_start_frames = llround(clap_timeline_frames(timeline, start_beats));
    timeline->loop_end_frames = llround(clap_timeline_frames(timeline, end_beats));
}

static int looping(const clap_timeline *timeline)
{
    return timeline->loop_end_frames > timeline->loop_start_frames;
}

static int64_t fixed_point(double value)
{
    return llround(value * (double)CONTINUO_CLAP_FIXED_POINT_ONE);
}

static double beats_at(const clap_timeline *timeline, int64_t frames)
{
    return frames * timeline->tempo_bpm / 60.0 / timeline->sample_rate;
}

uint32_t clap_timeline_next(const clap_timeline *timeline, uint32_t max_frames,
                            continuo_clap_event_transport *transport)
{
    uint32_t frames = max_frames;
    int64_t position = timeline->position_frames;
    if (timeline->playing && looping(timeline) && position < timeline->loop_end_frames
        && timeline->loop_end_frames - position < frames) {
        frames = (uint32_t)(timeline->loop_end_frames - position);
    }
    double beat = beats_at(timeline, position);
    double bar_beats = timeline->beats_per_bar * 4.0 / timeline->beat_unit;
    double bar = floor(beat / bar_beats + 1e-9);
    memset(transport, 0, sizeof *transport);
    transport->header = (continuo_clap_event_header){sizeof *transport, 0, CONTINUO_CLAP_CORE_EVENT_SPACE,
                                                      CONTINUO_CLAP_EVENT_TRANSPORT, 0};
    transport->flags = CONTINUO_CLAP_TRANSPORT_HAS_TEMPO | CONTINUO_CLAP_TRANSPORT_HAS_BEATS_TIMELINE
                       | CONTINUO_CLAP_TRANSPORT_HAS_SECONDS_TIMELINE | CONTINUO_CLAP_TRANSPORT_HAS_TIME_SIGNATURE
                       | (timeline->playing ? CONTINUO_CLAP_TRANSPORT_IS_PLAYING : 0)
                       | (looping(timeline) ? CONTINUO_CLAP_TRANSPORT_IS_LOOP_ACTIVE : 0);
    transport->song_pos_beats = fixed_point(beat);
    transport->song_pos_seconds = fixed_point(position / timeline->sample_rate);
    transport->tempo = timeline->tempo_bpm;
    transport->loop_start_beats = fixed_point(beats_at(timeline, timeline->loop_start_frames));
    transport->loop_end_beats = fixed_point(beats_at(timeline, timeline->loop_end_frames));
    transport->loop_start_seconds = fixed_point(timeline->loop_start_frames / timeline->sample_rate);
    transport->loop_end_seconds = fixed_point(timeline->loop_end_frames / timeline->sample_rate);
    transport->bar_start = fixed_point(bar * bar_beats);
    transport->bar_number = (int32_t)bar;
    transport->tsig_num = timeline->beats_per_bar;
    transport->tsig_denom = timeline->beat_unit;
    return frames;
}

int clap_timeline_advance(clap_timeline *timeline, uint32_t frames)
{
    if (!timeline->playing) {
        return 0;
    }
    timeline->position_frames += frames;
    if (looping(timeline) && timeline->position_frames == timeline->loop_end_frames) {
        timeline->position_frames = timeline->loop_start_frames;
        return 1;
    }
    return 0;
}
