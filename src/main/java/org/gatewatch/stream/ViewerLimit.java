package org.gatewatch.stream;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts viewers across all cameras, so the one above the configured maximum is refused (429), never left waiting. */
public final class ViewerLimit {

    private final int max;
    private final AtomicInteger current = new AtomicInteger();

    public ViewerLimit(int max) {
        this.max = max;
    }

    /** Takes a place; false when all places are taken. */
    public boolean tryAcquire() {
        while (true) {
            int now = current.get();
            if (now >= max) {
                return false;
            }
            if (current.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release() {
        current.decrementAndGet();
    }

    public int max() {
        return max;
    }

    public int current() {
        return current.get();
    }
}
