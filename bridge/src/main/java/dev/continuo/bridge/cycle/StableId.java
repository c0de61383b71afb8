package dev.continuo.bridge.cycle;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum constant with a stable lower-case id, as used on the command line and in the configuration. */
public interface StableId {

    String id();

    /**
     * The constant of {@code type} whose id is {@code id}, ignoring case.
     *
     * @param what what the constants are, for the error message (e.g. "backend")
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    static <E extends Enum<E> & StableId> E byId(Class<E> type, String id, String what) {
        String wanted = id.toLowerCase(Locale.ROOT);
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants).filter(constant -> constant.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " \"" + id + "\" (known: "
                        + Arrays.stream(constants).map(StableId::id).collect(Collectors.joining(", ")) + ")"));
    }
}
