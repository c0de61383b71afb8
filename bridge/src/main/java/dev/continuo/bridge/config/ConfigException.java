package dev.continuo.bridge.config;

/** The configuration file cannot be used: the message names the file, the key and the problem. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }
}
