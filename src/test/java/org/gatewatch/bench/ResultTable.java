package org.gatewatch.bench;

import java.util.List;
import java.util.Locale;

/** Formats rows as fixed-width columns, so rows printed as each round ends still line up. */
final class ResultTable {

    private static final String[] COLUMNS = {"N", "connected", "rejected429", "failed", "disconnects", "source_fps",
        "fps_median", "fps_p5", "pct_of_source", "stale_p50_ms", "stale_p99_ms", "first_frame_p50_ms",
        "first_frame_p99_ms", "encodes_per_s", "server_threads", "server_cpu_pct", "client_cpu_pct", "server_us_per_frame"};
    private static final int MIN_WIDTH = 6;

    private ResultTable() {
    }

    static String header() {
        return line((Object[]) COLUMNS);
    }

    static String row(ResultRow r) {
        return line(r.viewers(), r.connected(), r.rejected429(), r.failed(), r.disconnects(), f2(r.sourceFps()),
                f2(r.fpsMedian()), f2(r.fpsP5()), f1(r.pctOfSource()), r.staleP50Millis(), r.staleP99Millis(),
                r.firstFrameP50Millis(), r.firstFrameP99Millis(), f2(r.encodesPerSecond()), r.serverThreads(),
                f1(r.serverCpuPct()), f1(r.clientCpuPct()), f1(r.serverMicrosPerFrame()));
    }

    static String goalLine(List<ResultRow> rows) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "goal (fps_p5 >= %.0f%% of source_fps and stale_p99 <= %d ms):", ResultRow.GOAL_PCT_OF_SOURCE,
                ResultRow.GOAL_STALE_P99_MILLIS));
        for (ResultRow r : rows) {
            line.append(" N=").append(r.viewers()).append(' ').append(r.goal()).append(';');
        }
        return line.toString();
    }

    private static String line(Object... values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < COLUMNS.length; i++) {
            String text = values[i] == null ? "-" : values[i].toString();
            int width = Math.max(MIN_WIDTH, COLUMNS[i].length());
            out.append(i == 0 ? "" : "  ").append(" ".repeat(Math.max(0, width - text.length()))).append(text);
        }
        return out.toString();
    }

    private static String f1(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.2f", v);
    }
}
