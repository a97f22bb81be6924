package org.gatewatch.config;

/**
 * The MQTT broker events are published to: {@code <topicPrefix>/<camera>/events} for each event and retained
 * {@code <topicPrefix>/<camera>/counts} with today's totals. Off when {@code url} is empty.
 *
 * @param url         tcp://host:1883 or ssl://host:8883
 * @param clientId    the client id at the broker; unique per GateWatch instance
 * @param username    empty for an anonymous broker
 * @param password    with username
 * @param topicPrefix first topic level(s), no wildcards
 * @param qos         0, 1 or 2
 */
public record MqttConfig(String url, String clientId, String username, String password, String topicPrefix, int qos) {

    public static final MqttConfig DEFAULTS = new MqttConfig("", "gatewatch", "", "", "gatewatch", 1);

    public MqttConfig {
        url = url == null ? "" : url.strip();
        if (!url.isEmpty() && !url.matches("(tcp|ssl)://[^/\\s]+:\\d+")) {
            throw ConfigException.invalid("mqtt.url", url, "tcp://host:port or ssl://host:port, or empty for off");
        }
        if (clientId == null || !clientId.matches("[A-Za-z0-9_-]{1,23}")) {
            throw ConfigException.invalid("mqtt.clientId", String.valueOf(clientId), "1-23 letters, digits, '-' or '_'");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (topicPrefix == null || topicPrefix.isBlank() || topicPrefix.contains("#") || topicPrefix.contains("+")
                || topicPrefix.startsWith("/") || topicPrefix.endsWith("/")) {
            throw ConfigException.invalid("mqtt.topicPrefix", String.valueOf(topicPrefix),
                    "topic levels without wildcards or outer slashes, e.g. gatewatch");
        }
        if (qos < 0 || qos > 2) {
            throw ConfigException.invalid("mqtt.qos", String.valueOf(qos), "0, 1 or 2");
        }
    }

    public boolean enabled() {
        return !url.isEmpty();
    }

    /** As a record prints itself, with the password (and one given in the URL) masked. */
    @Override
    public String toString() {
        return "MqttConfig[url=" + Secrets.maskUrl(url) + ", clientId=" + clientId + ", username=" + username
                + ", password=" + Secrets.hidden(password) + ", topicPrefix=" + topicPrefix + ", qos=" + qos + "]";
    }
}
