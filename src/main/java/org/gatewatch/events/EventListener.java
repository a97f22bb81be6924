package org.gatewatch.events;

/** Told of each event once its row has committed (SSE, webhook, MQTT, audit log). */
@FunctionalInterface
public interface EventListener {

    /**
     * Invoked on the thread that recorded the event, which is the analysis thread: implementations hand the event
     * on (a queue, a non-blocking write) and return at once.
     */
    void onEvent(AccessEvent event);
}
