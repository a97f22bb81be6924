package org.gatewatch.bench.fuzz;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A whole fuzz session: a warm-up (class loading, JSP compilation and the request pool's growth are not leaks),
 * then the stream's frame rate and the server's vitals before, the run itself with the viewer watching, and the
 * vitals after. The same session backs FuzzIT and {@code bin/gatewatch fuzz}.
 */
public final class FuzzSession {

    /** The viewer keeps at least this share of the frame rate it had before the fuzz. */
    public static final double FPS_KEPT = 0.9;
    /** Heap after GC may grow this much over the run: caches fill (H2's, Jasper's), requests do not stay. */
    public static final long HEAP_GROWTH = 48L * 1024 * 1024;
    /** Threads outside the request pools may grow this much (a capture or database thread on its own schedule). */
    public static final int THREAD_GROWTH = 2;
    /** The warm-up's size: enough to touch every kind of request once. */
    static final int WARM_UP = 200;

    /** Threads that come and go by design: the request pools (bounded by maxThreads) and our own JMX connection. */
    private static final List<String> ELASTIC = List.of("gatewatch-http-", "http-nio-", "RMI ", "JMX ",
            "Attach Listener");

    /** What a session measured; {@link #problems()} is empty when all held. */
    public record Report(FuzzRun.Result warmUp, FuzzRun.Result run, double fpsBefore, double fpsDuring,
                         ServerVitals.Snapshot before, ServerVitals.Snapshot after) {

        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (!warmUp.passed()) {
                problems.add("the warm-up failed:\n" + warmUp.summary());
            }
            if (!run.passed()) {
                problems.add("the run failed:\n" + run.summary());
            }
            if (!Double.isNaN(fpsBefore) && fpsDuring < FPS_KEPT * fpsBefore) {
                problems.add(String.format("the stream slowed from %.1f to %.1f fps (below %.0f %%)", fpsBefore,
                        fpsDuring, FPS_KEPT * 100));
            }
            if (before != null && after.heapBytes() > before.heapBytes() + HEAP_GROWTH) {
                problems.add("heap after GC grew by more than " + HEAP_GROWTH / 1048576 + " MiB: before "
                        + before.describe() + "; after " + after.describe());
            }
            if (before != null && steadyThreads(after) > steadyThreads(before) + THREAD_GROWTH) {
                problems.add("threads outside the request pools grew by more than " + THREAD_GROWTH + ": before "
                        + before.describe() + "; after " + after.describe());
            }
            return problems;
        }

        public String summary() {
            return String.format("stream: %.1f fps before, %.1f during%n", fpsBefore, fpsDuring)
                    + (before == null ? "" : "server before: " + before.describe() + "\nserver after:  "
                    + after.describe() + "\n") + run.summary();
        }
    }

    private final FuzzTarget target;
    private final URI base;
    private final String camera;
    private final Long serverPid;

    /** {@code camera}: whose stream a viewer watches, null for none; {@code serverPid}: null to skip the vitals. */
    public FuzzSession(FuzzTarget target, URI base, String camera, Long serverPid) {
        this.target = target;
        this.base = base;
        this.camera = "none".equals(camera) ? null : camera;
        this.serverPid = serverPid;
    }

    /** Runs and prints as it goes (the command); true when nothing failed. */
    boolean run(BadRequests generator, long count, int threads) throws IOException, InterruptedException {
        Report report = measure(generator, count, threads, n -> {
            if (n % 10_000 == 0) {
                System.out.printf("  %,d sent%n", n);
            }
        });
        System.out.println(report.summary());
        report.problems().forEach(p -> System.out.println("PROBLEM: " + p));
        return report.problems().isEmpty();
    }

    public Report measure(BadRequests generator, long count, int threads, LongConsumer progress)
            throws IOException, InterruptedException {
        FuzzRun.Result warmUp = FuzzRun.run(target, new BadRequests(target, ~generator.seed()), 0, WARM_UP, threads,
                n -> { });
        try (ServerVitals vitals = serverPid == null ? null : ServerVitals.attach(serverPid);
             StreamWatch viewer = camera == null ? null : new StreamWatch(target.address(),
                     base.resolve("cameras/" + camera + "/video_feed").getRawPath(),
                     target.authorizations().isEmpty() ? null : target.authorizations().get(0))) {
            double fpsBefore = Double.NaN;
            if (viewer != null) {
                viewer.fpsOver(2000);
                fpsBefore = viewer.fpsOver(4000);
            }
            ServerVitals.Snapshot before = vitals == null ? null : vitals.measure();
            long framesAtStart = viewer == null ? 0 : viewer.frames();
            FuzzRun.Result run = FuzzRun.run(target, generator, 0, count, threads, progress);
            double fpsDuring = viewer == null ? Double.NaN
                    : (viewer.frames() - framesAtStart) / (run.elapsed().toMillis() / 1000.0);
            ServerVitals.Snapshot after = null;
            if (vitals != null) {
                // Answers are sent; let the last requests' threads return to the pool.
                Thread.sleep(1000);
                after = vitals.measure();
            }
            return new Report(warmUp, run, fpsBefore, fpsDuring, before, after);
        }
    }

    static int steadyThreads(ServerVitals.Snapshot s) {
        int n = 0;
        for (Map.Entry<String, Integer> e : s.threadsByName().entrySet()) {
            if (ELASTIC.stream().noneMatch(e.getKey()::startsWith)) {
                n += e.getValue();
            }
        }
        return n;
    }
}
