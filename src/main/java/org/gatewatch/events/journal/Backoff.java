package org.gatewatch.events.journal;

/** The pause before the next try of a reader whose delivery failed: doubling from {@code firstMillis} up to a cap. */
public record Backoff(long firstMillis, long maxMillis) {

    public Backoff {
        if (firstMillis <= 0 || maxMillis < firstMillis) {
            throw new IllegalArgumentException("backoff " + firstMillis + ".." + maxMillis + " ms");
        }
    }

    /** The pause after {@code failures} failed tries in a row (1 or more). */
    public long pauseMillis(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        return Math.min(maxMillis, firstMillis << doublings);
    }
}
