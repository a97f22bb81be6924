package org.gatewatch.stream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counts viewers across all cameras, so the one above the configured maximum is refused (429), never left waiting. */
public final class ViewerLimit {

    private final int max;
    private final AtomicInteger current = new AtomicInteger();
    private final LongAdder refused = new LongAdder();

    public ViewerLimit(int max) {
        this.max = max;
    }

    /** Takes a place; false when all places are taken. */
    public boolean tryAcquire() {
        while (true) {
            int now = current.get();
            if (now >= max) {
                refused.increment();
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

    /** Viewers refused so far because every place was taken. */
    public long refused() {
        return refused.sum();
    }
}
