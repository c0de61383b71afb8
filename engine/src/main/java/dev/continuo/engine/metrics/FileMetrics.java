package dev.continuo.engine.metrics;

import java.util.List;

/**
 * The metrics of one piece: per part, and for groups of parts.
 *
 * @param key         key estimated from the melody
 * @param melody      why the melody part was chosen
 * @param bars        number of bars
 * @param tracks      one entry per part, in the roll's order
 * @param accompaniment all pitched parts but the melody, taken together; null if there are none
 * @param all         all pitched parts taken together
 */
public record FileMetrics(String key, String melody, int bars, List<TrackMetrics> tracks,
        TrackMetrics accompaniment, TrackMetrics all) {
}
