package org.gatewatch.bench.analysis;

import java.util.Arrays;

/**
 * The durations of one pipeline stage, one sample per analysed frame (zero when the stage did not run on it), for
 * the mean and the 95th percentile that {@code bench-analysis} prints. The mean over every frame, skipped ones
 * included, is the stage's real cost per frame; its inverse is the frame rate the stage alone would allow.
 */
public final class FrameTimes {

    private long[] nanos = new long[1024];
    private int count;
    private int ran;

    /** Invoked once per analysed frame by the benchmark loop. */
    public void add(long sampleNanos, boolean stageRan) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = sampleNanos;
        ran += stageRan ? 1 : 0;
    }

    public int samples() {
        return count;
    }

    /** Frames on which the stage ran (or, for recognition, found a face). */
    public int ran() {
        return ran;
    }

    public double meanMs() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return count == 0 ? 0 : sum / 1e6 / count;
    }

    /** Nearest-rank 95th percentile. */
    public double p95Ms() {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.95 * count) - 1] / 1e6;
    }

    /** Frames per second the mean cost allows; infinite for a stage that cost nothing. */
    public double fps() {
        double ms = meanMs();
        return ms == 0 ? Double.POSITIVE_INFINITY : 1000 / ms;
    }
}
