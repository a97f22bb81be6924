package org.gatewatch.outputs;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatewatch.config.MqttConfig;

/**
 * How GateWatch holds its MQTT connection: reconnecting by itself, with a status topic,
 * {@code <prefix>/<clientId>/status}: retained {@code online} once connected, and {@code offline} when GateWatch
 * stops, or from the broker itself (the last will) when the connection dies.
 */
final class MqttSession {

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    private MqttSession() {
    }

    static String statusTopic(MqttConfig config) {
        return config.topicPrefix() + "/" + config.clientId() + "/status";
    }

    /**
     * In memory: with Paho's file store, and its buffer kept there, a message published while the first connection
     * was being made stayed in the store and was never sent, so a session that outlives a restart waits for the
     * event journal to replay from.
     */
    static MqttClientPersistence persistence() {
        return new MemoryPersistence();
    }

    static MqttConnectOptions options(MqttConfig config, int maxInflight) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
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
