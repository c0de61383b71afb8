package dev.continuo.bridge.backend.coremidi;

import java.util.OptionalInt;

/**
 * Where the CoreMIDI unique ID of each virtual endpoint is kept between launches, so that DAWs find the same ports
 * (and keep their routing) next time.
 */
public interface UniqueIds {

    OptionalInt get(String endpointName);

    /** Remembers an endpoint's ID; failures are logged, never fatal. */
    void put(String endpointName, int uniqueId);
}
