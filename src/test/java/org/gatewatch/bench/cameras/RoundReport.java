package org.gatewatch.bench.cameras;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.gatewatch.bench.RoundSnapshot;

/**
 * Prints one camera count's tables: a row per camera (analysed fps against the source's, viewers' fps), then the
 * summary row, and says whether the goal held: every camera analysed at >= 90 % of its source's fps, every viewer
 * (5th percentile) at >= 95 %.
 */
final class RoundReport {

    static final double GOAL_ANALYSED_PCT = 90;
    static final double GOAL_STREAM_PCT = 95;

    private final List<CameraPlan> plans;
    private final Map<String, ServerApi.Sample> start;
    private final Map<String, ServerApi.Sample> end;
    private final List<RoundSnapshot> viewers;
    private final int viewersPerCamera;
    private final Map<String, Double> threadCpu;

    private final double analysisCpu;

    /**
     * @param threadCpu   per Java thread name, % of one core in the window
     * @param analysisCpu the analysis threads with OpenCV's workers, % of one core in the window
     */
    RoundReport(List<CameraPlan> plans, Map<String, ServerApi.Sample> start, Map<String, ServerApi.Sample> end,
                List<RoundSnapshot> viewers, int viewersPerCamera, Map<String, Double> threadCpu,
                double analysisCpu) {
        this.threadCpu = threadCpu;
        this.analysisCpu = analysisCpu;
        this.plans = plans;
        this.start = start;
        this.end = end;
        this.viewers = viewers;
        this.viewersPerCamera = viewersPerCamera;
    }

    /** Prints the tables; true when the goal held. */
    boolean print(Double cpuPct, long heapBytes, long rssBytes, OptionalInt threads, Latency latency) {
        int n = plans.size();
        System.out.printf(Locale.ROOT, "%nN=%d cameras (%d viewers each)%n", n, viewersPerCamera);
        System.out.printf(Locale.ROOT, "%-6s %-5s %10s %12s %7s %11s %9s %7s %13s %14s %12s %6s%n", "camera", "kind",
                "source_fps", "analysed_fps", "pct", "stream_fps", "stream_p5", "pct", "analysis_cpu%",
                "cpu_ms_per_frame", "capture_cpu%", "walk_s");
        double analysisDemand = 0;
        double cameraThreads = 0;
        double captureDemand = 0;
        double minBusy = Double.NaN;
        double minDoor = Double.NaN;
        double minStream = Double.NaN;
        for (int i = 0; i < n; i++) {
            CameraPlan p = plans.get(i);
            ServerApi.Sample a = start.get(p.id());
            ServerApi.Sample b = end.get(p.id());
            double seconds = (b.sampledMillis() - a.sampledMillis()) / 1000.0;
            double source = b.fps();
            double analysed = (b.framesAnalyzed() - a.framesAnalyzed()) / seconds;
            double pct = 100 * analysed / source;
            long[] parts = viewers.get(i).partsPerViewer().clone();
            Arrays.sort(parts);
            double window = viewers.get(i).windowSeconds();
            double median = parts.length == 0 ? 0 : parts[parts.length / 2] / window;
            double p5 = parts.length == 0 ? 0 : parts[(int) Math.max(0, Math.ceil(0.05 * parts.length) - 1)] / window;
            double streamPct = 100 * p5 / source;
            if (p.busy()) {
                minBusy = min(minBusy, pct);
            } else {
                minDoor = min(minDoor, pct);
            }
            minStream = min(minStream, streamPct);
            double threadPct = threadCpu.getOrDefault("gatewatch-analysis-" + p.id(), Double.NaN);
            double captureCpu = threadCpu.getOrDefault("gatewatch-capture-" + p.id(), Double.NaN);
            // CPU ms per analysed frame: what a frame costs this camera's analysis thread (OpenCV's pool not counted).
            double msPerFrame = threadPct * 10 / analysed;
            analysisDemand += threadPct * source / analysed;
            cameraThreads += threadPct;
            captureDemand += captureCpu;
            System.out.printf(Locale.ROOT,
                    "%-6s %-5s %10.2f %12.2f %6.1f%% %11.2f %9.2f %6.1f%% %13.1f %16.1f %12.1f %6s%n", p.id(), p.kind(),
                    source, analysed, pct, median, p5, streamPct, threadPct, msPerFrame, captureCpu,
                    p.busy() ? "-" : f1(walkFramesIn(p.variant(), a, b) / DoorFootage.FPS));
        }
        // OpenCV's workers help whichever camera's loop they serve: their share is spread in proportion.
        double withWorkers = cameraThreads > 0 ? analysisDemand * this.analysisCpu / cameraThreads : analysisDemand;
        System.out.printf(Locale.ROOT, "demand N=%d: analysing every frame would take %.0f %% of one core (analysis"
                + " threads: analysis_cpu%% x source/analysed fps, %.0f %% with OpenCV's workers), plus %.0f %% for"
                + " capture and encoding as measured; the machine has %d00 %%%n", n, analysisDemand, withWorkers,
                captureDemand, Runtime.getRuntime().availableProcessors());
        boolean goal = !(minBusy < GOAL_ANALYSED_PCT) && !(minDoor < GOAL_ANALYSED_PCT)
                && minStream >= GOAL_STREAM_PCT;
        System.out.printf(Locale.ROOT, "summary N=%d: analysed min %s %% (busy) / %s %% (door); viewers p5 min %.1f %%"
                        + " of source; decisions after a walk %d, latency p50 %s ms, p99 %s ms (%d decided during the"
                        + " walk, %d away from walks); Tomcat CPU %s %% of one core, heap max %d MB, RSS max %d MB, %s"
                        + " threads; goal (analysed >= %.0f %%, viewers >= %.0f %%): %s%n",
                n, f1(minBusy), f1(minDoor), minStream, latency.millis().size(), str(latency.percentile(50)),
                str(latency.percentile(99)), latency.duringWalk(), latency.awayFromWalks(),
                cpuPct == null ? "-" : f1(cpuPct), heapBytes >> 20, rssBytes >> 20,
                threads.isPresent() ? Integer.toString(threads.getAsInt()) : "-",
                GOAL_ANALYSED_PCT, GOAL_STREAM_PCT, goal ? "PASS" : "FAIL");
        System.out.flush();
        return goal;
    }

    /**
     * How many frames of door {@code variant}'s walk were captured between the two samples: a door analyses its
     * walk's frames at a busy camera's cost, so a door whose walk fell in the window had more to do than one whose
     * walk did not.
     */
    static int walkFramesIn(int variant, ServerApi.Sample a, ServerApi.Sample b) {
        int end = DoorFootage.walkEndFrame(variant);
        int walking = 0;
        for (long f = a.framesCaptured(); f < b.framesCaptured(); f++) {
            long position = f % DoorFootage.LOOP_FRAMES;
            walking += position >= end - DoorFootage.WALK_FRAMES && position < end ? 1 : 0;
        }
        return walking;
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Math.min(a, b);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String str(Long v) {
        return v == null ? "-" : v.toString();
    }
}
