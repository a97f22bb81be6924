package org.gatewatch.bench.events;

import java.util.Arrays;
import java.util.Locale;

/** Latencies in nanoseconds and their percentiles, as milliseconds. */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    /** The p-th percentile (0..100) in milliseconds, nearest rank. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    String summary() {
        return String.format(Locale.ROOT, "p50 %.1f ms  p99 %.1f ms  max %.1f ms  (n=%d)", percentileMillis(50),
                percentileMillis(99), percentileMillis(100), size());
    }
}
