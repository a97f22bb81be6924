package org.gatewatch.capture;

import java.util.concurrent.TimeUnit;

/** Releases frames at a fixed rate, so a file that decodes at 2,000 fps plays like a camera at its own rate. */
final class Pacer {

    /** Behind by more than this (a pause, a slow disk), the pacer restarts its clock rather than bursting. */
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    private long intervalNanos;
    private long nextNanos;

    void start(double fps) {
        intervalNanos = fps > 0 ? (long) (1_000_000_000L / fps) : 100_000_000L;
        nextNanos = System.nanoTime();
    }

    void awaitNext() throws InterruptedException {
        long now = System.nanoTime();
        if (now - nextNanos > MAX_LAG_NANOS) {
            nextNanos = now;
        }
        long wait = nextNanos - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        nextNanos += intervalNanos;
    }
}
