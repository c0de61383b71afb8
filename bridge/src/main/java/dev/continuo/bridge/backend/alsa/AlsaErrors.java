package dev.continuo.bridge.backend.alsa;

import dev.continuo.natives.alsa.AlsaSeqLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends libasound's own error messages to the DEBUG log instead of standard error; Continuo reports the failed call
 * itself, in one line.
 */
final class AlsaErrors {

    private static final Logger LOG = LoggerFactory.getLogger(AlsaErrors.class);
    /** Kept for as long as libasound may call it. */
    private static final AlsaSeqLibrary.ErrorHandler HANDLER = (file, line, function, error, format) ->
            LOG.debug("libasound: error {} in {} ({}:{}): {}", error, function, file, line, format);

    private AlsaErrors() {
    }

    static void toDebugLog(AlsaSeqLibrary alsa) {
        alsa.snd_lib_error_set_handler(HANDLER);
    }
}
