package org.gatewatch.events;

import java.time.Instant;

/**
 * Which events to list; null fields do not filter. {@code from} is inclusive, {@code to} exclusive.
 */
public record EventFilter(String camera, Decision decision, Long personId, Instant from, Instant to) {

    public static final EventFilter ALL = new EventFilter(null, null, null, null, null);
}
