package org.gatewatch.config;

/**
 * A configuration value that cannot be used; the message names the key and the value. An illegal argument, so the
 * range checks of plain value records read as the JDK's own argument checks do.
 */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The one wording of a refused value, wherever it is checked: the key, the value as given, what would do. A
     * password, or a URL's, is masked: the message reaches the log and the deployer's screen.
     */
    public static ConfigException invalid(String key, Object value, String expected) {
        return new ConfigException("Invalid configuration: " + key + " = '" + Secrets.maskValue(key, value) + "' ("
                + Secrets.maskText(expected) + ")");
    }
}
