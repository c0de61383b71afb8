package dev.continuo.bridge.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives on a session's control channel: a Program Change selects a preset (loaded on the generation worker),
 * a Control Change turns a setting (see {@link ControlChanges}); both apply from each phrase's next start. Called on
 * the housekeeping thread.
 */
final class ControlChannel implements PhraseRecorder.ControlListener {

    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);

    private final PhraseGenerator generator;

    ControlChannel(PhraseGenerator generator) {
        this.generator = generator;
    }

    @Override
    public void programChange(int program) {
        generator.usePresetNumber(program);
    }

    @Override
    public void controlChange(int controller, int value) {
        ControlChanges.Change change = ControlChanges.apply(generator.settings(), generator.presetMix(), controller,
                value);
        if (change != null) {
            generator.useSettings(change.settings());
            LOG.info("{}: from the next phrase start", change.description());
        }
    }
}
