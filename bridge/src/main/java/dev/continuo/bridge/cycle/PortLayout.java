package dev.continuo.bridge.cycle;

/** How the four accompaniment parts leave the engine. */
public enum PortLayout implements StableId {
    /** One output port; part k on MIDI channel k. */
    SINGLE("single", 1),
    /** Four output ports, one per part (part k still on channel k). */
    SPLIT("split", 4);

    private final String id;
    private final int outputPorts;

    PortLayout(String id, int outputPorts) {
        this.id = id;
        this.outputPorts = outputPorts;
    }

    @Override
    public String id() {
        return id;
    }

    public int outputPorts() {
        return outputPorts;
    }

    /** The output port that carries accompaniment part {@code part} (0–3). */
    public int portOfPart(int part) {
        return this == SINGLE ? 0 : part;
    }

    /** Looks a layout up by its id, ignoring case. */
    public static PortLayout byId(String id) {
        return StableId.byId(PortLayout.class, id, "port layout");
    }
}
