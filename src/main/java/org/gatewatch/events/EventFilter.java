package org.gatewatch.events;

import java.time.Instant;

/**
 * Which events to list; null fields do not filter. {@code from} is inclusive, {@code to} exclusive.
 * {@code aboutCamera}: true for a camera's events only ({@link Decision#aboutCamera}), false for decisions about
 * people only.
 */
public record EventFilter(String camera, Decision decision, Long personId, Instant from, Instant to,
                          Boolean aboutCamera) {

    public static final EventFilter ALL = new EventFilter(null, null, null, null, null);

    /** Events about people and cameras alike. */
    public EventFilter(String camera, Decision decision, Long personId, Instant from, Instant to) {
        this(camera, decision, personId, from, to, null);
    }
}
