package org.gatewatch.outputs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.gatewatch.config.MqttConfig;

/**
 * How GateWatch holds its MQTT connection: a persistent session (the broker keeps it across reconnects, and the
 * messages in flight are kept on disk in the data directory, so a restart resends what the broker had not
 * acknowledged) and a status topic, {@code <prefix>/<clientId>/status}: retained {@code online} once connected, and
 * {@code offline} when GateWatch stops, or from the broker itself (the last will) when the connection dies.
 */
final class MqttSession {

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    private MqttSession() {
    }

    static String statusTopic(MqttConfig config) {
        return config.topicPrefix() + "/" + config.clientId() + "/status";
    }

    /** In-flight and buffered messages on disk, under the data directory's {@code mqtt/} folder. */
    static MqttClientPersistence persistence(Path dataDir) {
        return new MqttDefaultFilePersistence(dataDir.resolve("mqtt").toString());
    }

    static MqttConnectOptions options(MqttConfig config, int maxInflight) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(false);
        options.setConnectionTimeout(10);
        options.setMaxInflight(maxInflight);
        options.setWill(statusTopic(config), OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true);
        if (!config.username().isEmpty()) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        return options;
    }

    static void publishStatus(MqttAsyncClient client, MqttConfig config, String status) throws MqttException {
        MqttMessage message = new MqttMessage(status.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(true);
        client.publish(statusTopic(config), message);
    }
}
