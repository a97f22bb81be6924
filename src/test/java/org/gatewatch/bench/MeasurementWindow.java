package org.gatewatch.bench;

/**
 * The measurement window as the pool's thread sees it. Opening and closing run on that thread, so a part counts
 * exactly when its last byte was read inside the window, with no locking on the per-part path.
 */
final class MeasurementWindow {

    private static final int MAX_STALENESS_MILLIS = 60_000;

    private final Histogram staleness = new Histogram(MAX_STALENESS_MILLIS);
    private boolean open;
    private long openedNanos;
    private long closedNanos;

    void open(long nowNanos) {
        open = true;
        openedNanos = nowNanos;
    }

    void close(long nowNanos) {
        open = false;
        closedNanos = nowNanos;
    }

    boolean isOpen() {
        return open;
    }

    void recordStaleness(long millis) {
        staleness.record(millis);
    }

    Histogram staleness() {
        return staleness;
    }

    double seconds() {
        return (closedNanos - openedNanos) / 1e9;
    }
}
