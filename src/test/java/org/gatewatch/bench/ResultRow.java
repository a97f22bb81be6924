package org.gatewatch.bench;

import java.util.Arrays;
import java.util.Locale;

/** One table row: one viewer count's results. Null means "no data" and prints as {@code -}. */
record ResultRow(int viewers, int connected, int rejected429, int failed, int disconnects, Double sourceFps,
                 Double fpsMedian, Double fpsP5, Double pctOfSource, Long staleP50Millis, Long staleP99Millis,
                 Long firstFrameP50Millis, Long firstFrameP99Millis, Double encodesPerSecond, Integer serverThreads,
                 Double serverCpuPct, Double clientCpuPct, Double serverMicrosPerFrame) {

    /** The goal: every viewer (5th percentile) near the source rate, and frames fresh enough for a gate. */
    static final double GOAL_PCT_OF_SOURCE = 95.0;
    static final long GOAL_STALE_P99_MILLIS = 150;

    /** Viewer-rate and latency columns from a snapshot; the server columns are added by {@link #withServer}. */
    static ResultRow of(RoundSnapshot s, Double sourceFps) {
        long[] parts = s.partsPerViewer().clone();
        Arrays.sort(parts);
        Double median = fps(parts, 50, s.windowSeconds());
        Double p5 = fps(parts, 5, s.windowSeconds());
        Double pct = p5 == null || sourceFps == null || !(sourceFps > 0) ? null : p5 / sourceFps * 100;
        return new ResultRow(s.viewers(), s.connected(), s.rejected(), s.failed(), s.disconnected(), sourceFps,
                median, p5, pct, millis(s.staleness(), 50), millis(s.staleness(), 99),
                millis(s.firstFrame(), 50), millis(s.firstFrame(), 99), null, null, null, null, null);
    }

    /**
     * @param serverMicrosPerFrame the server process's CPU time in the window (user plus system, every thread)
     *                             divided by the frames all viewers received in it, in microseconds
     */
    ResultRow withServer(Double encodesPerSecond, Integer serverThreads, Double serverCpuPct, Double clientCpuPct,
                         Double serverMicrosPerFrame) {
        return new ResultRow(viewers, connected, rejected429, failed, disconnects, sourceFps, fpsMedian, fpsP5,
                pctOfSource, staleP50Millis, staleP99Millis, firstFrameP50Millis, firstFrameP99Millis,
                encodesPerSecond, serverThreads, serverCpuPct, clientCpuPct, serverMicrosPerFrame);
    }

    /** The server's CPU per delivered frame: {@code cpuNanos} over every part of {@code s}, in microseconds. */
    static Double microsPerFrame(Long cpuNanos, RoundSnapshot s) {
        long parts = java.util.Arrays.stream(s.partsPerViewer()).sum();
        return cpuNanos == null || parts == 0 ? null : cpuNanos / 1_000.0 / parts;
    }

    /** PASS, FAIL or UNKNOWN, with the reason for anything but PASS. */
    String goal() {
        if (fpsP5 == null) {
            return "UNKNOWN (every viewer was rejected with 429)";
        }
        if (staleP99Millis == null) {
            return "FAIL (no frames received in the window)";
        }
        if (pctOfSource == null) {
            return "UNKNOWN (no source fps from the status API)";
        }
        StringBuilder why = new StringBuilder();
        if (pctOfSource < GOAL_PCT_OF_SOURCE) {
            why.append(String.format(Locale.ROOT, "fps_p5 %.2f is %.1f%% of source", fpsP5, pctOfSource));
        }
        if (staleP99Millis > GOAL_STALE_P99_MILLIS) {
            why.append(why.length() > 0 ? ", " : "").append("stale_p99 ").append(staleP99Millis).append(" ms");
        }
        return why.length() == 0 ? "PASS" : "FAIL (" + why + ")";
    }

    /** Nearest-rank percentile of per-viewer parts, as frames per second. */
    private static Double fps(long[] sortedParts, double p, double seconds) {
        if (sortedParts.length == 0 || seconds <= 0) {
            return null;
        }
        int rank = (int) Math.max(1, Math.ceil(p / 100.0 * sortedParts.length));
        return sortedParts[rank - 1] / seconds;
    }

    private static Long millis(Histogram histogram, double p) {
        long value = histogram.percentile(p);
        return value < 0 ? null : value;
    }
}
