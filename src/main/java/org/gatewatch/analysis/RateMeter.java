package org.gatewatch.analysis;

/** Events per second over the last full two-second window; one thread ticks, any thread reads. */
public final class RateMeter {

    private static final long WINDOW_NANOS = 2_000_000_000L;

    private long windowStart = System.nanoTime();
    private int inWindow;
    private volatile double rate;

    /** Invoked by the owning thread once per event. */
    public void tick() {
        inWindow++;
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            rate = inWindow * 1e9 / (now - windowStart);
            windowStart = now;
            inWindow = 0;
        }
    }

    public double rate() {
        return rate;
    }
}
