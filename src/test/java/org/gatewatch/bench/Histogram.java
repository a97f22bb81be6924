package org.gatewatch.bench;

/**
 * Millisecond histogram for staleness and time to first frame. Fixed 1 ms buckets: recording is an array increment,
 * which matters at 30,000 parts per second on the client's share of two cores.
 */
public final class Histogram {

    private final long[] counts;
    private long total;
    private long max = -1;
    private long negatives;

    Histogram(int maxMillis) {
        counts = new long[maxMillis + 2];
    }

    void record(long millis) {
        if (millis < 0) {
            // Only possible if the server stamps frames with another clock; counted so the report can say so.
            negatives++;
            millis = 0;
        }
        counts[(int) Math.min(millis, counts.length - 1)]++;
        total++;
        max = Math.max(max, millis);
    }

    public long count() {
        return total;
    }

    long negatives() {
        return negatives;
    }

    /** Nearest-rank percentile in ms, or -1 when empty; values past the last bucket report the maximum seen. */
    public long percentile(double p) {
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int ms = 0; ms < counts.length; ms++) {
            seen += counts[ms];
            if (seen >= rank) {
                return ms == counts.length - 1 ? max : ms;
            }
        }
        return max;
    }
}
