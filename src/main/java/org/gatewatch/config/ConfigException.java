package org.gatewatch.config;

/** A configuration value that cannot be used; the message names the key and the value. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("Invalid configuration: " + key + " = '" + value + "' (" + expected + ")");
    }
}
