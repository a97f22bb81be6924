package org.gatewatch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Load client for the MJPEG stream: for each viewer count, opens that many viewers on loopback, measures what each
 * one receives over a fixed window, and prints one table row (stdout) per count, then whether each met the goal.
 * Progress goes to stderr. Exit status: 0 when every round met the goal, 1 otherwise, 2 for bad arguments.
 */
public final class StreamBenchmark {

    private static final long PAUSE_BETWEEN_ROUNDS_MILLIS = 2_000;
    private static final long POOL_REPLY_SECONDS = 30;
    private static final int FD_HEADROOM = 100;
    /** Descriptors kept free for the JVM itself (class loading, the status client, the selector). */
    private static final int FD_RESERVE = 50;
    /** Above this share of one core the client's selector thread may be delaying reads, inflating staleness. */
    private static final double CLIENT_THREAD_BUSY_PCT = 80;

    private final BenchOptions options;
    private final StatusClient status;
    private final ProcessSampler server;

    private StreamBenchmark(BenchOptions options) {
        this.options = options;
        this.status = new StatusClient(options.statusUri(), options.camera(), options.authorization());
        this.server = options.serverPid() == null ? null : new ProcessSampler(options.serverPid());
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new StreamBenchmark(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        checkPrerequisites();
        progress("stream %s, status %s (camera %s), %d s window after %d s warmup, ramp %d/s; "
                        + "CPU columns: 100 = one core",
                options.streamUri(), options.statusUri(), options.camera(), options.seconds(),
                options.warmupSeconds(), options.rampPerSecond());
        System.out.println(ResultTable.header());
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < options.viewers().size(); i++) {
            ResultRow row = round(options.viewers().get(i));
            rows.add(row);
            System.out.println(ResultTable.row(row));
            System.out.flush();
            if (i + 1 < options.viewers().size()) {
                // Lets the server notice the closed sockets and release its viewers before the next round.
                Thread.sleep(PAUSE_BETWEEN_ROUNDS_MILLIS);
            }
        }
        System.out.println(ResultTable.goalLine(rows));
        return rows.stream().allMatch(r -> r.goal().equals("PASS"));
    }

    private void checkPrerequisites() {
        int most = options.viewers().stream().mapToInt(Integer::intValue).max().orElse(0);
        long limit = ProcessSampler.openFilesLimit();
        if (limit >= 0 && limit < most + FD_HEADROOM) {
            progress("WARNING: open-file limit is %d but %d viewers need about %d; raise it (ulimit -n %d) "
                    + "or viewers beyond the limit count as failed", limit, most, most + FD_HEADROOM,
                    most + FD_HEADROOM);
        }
        if (server != null && !server.exists()) {
            progress("WARNING: no process %d; server columns will show -", options.serverPid());
        }
        // Also loads the status client's classes now, while file descriptors are plentiful.
        status.fetch().ifPresent(s -> progress("server: camera %s at %.2f fps, %d viewers",
                options.camera(), s.fps(), s.viewers()));
    }

    private static int socketBudget() {
        long limit = ProcessSampler.openFilesLimit();
        long open = ProcessSampler.openFiles();
        return limit < 0 || open < 0 ? Integer.MAX_VALUE : (int) Math.max(0, limit - open - FD_RESERVE);
    }

    private ResultRow round(int viewers) throws Exception {
        progress("N=%d: opening %d viewers at %d/s", viewers, viewers, options.rampPerSecond());
        try (ViewerPool pool = new ViewerPool(options.server(), options.request(), viewers,
                options.rampPerSecond(), socketBudget())) {
            pool.start();
            long rampMillis = viewers * 1000L / options.rampPerSecond();
            if (!pool.awaitAllOpened(rampMillis + 30_000)) {
                progress("N=%d: WARNING: the ramp fell behind its schedule", viewers);
            }
            progress("N=%d: ramp done, %s", viewers, reply(pool.census()));
            status.fetch().ifPresent(s -> progress("N=%d: source %.2f fps, server reports %d viewers",
                    viewers, s.fps(), s.viewers()));
            Thread.sleep(options.warmupSeconds() * 1000L);

            reply(pool.openWindow());
            long ownCpu0 = ProcessSampler.ownCpuNanos();
            long poolCpu0 = ProcessSampler.threadCpuNanos(pool.threadId());
            OptionalLong serverCpu0 = serverCpuNanos();
            long wall0 = System.nanoTime();
            Optional<CameraStatus> status0 = status.fetch();
            progress("N=%d: measuring for %d s", viewers, options.seconds());
            Thread.sleep(options.seconds() * 1000L);

            RoundSnapshot snapshot = reply(pool.closeWindow());
            long ownCpu1 = ProcessSampler.ownCpuNanos();
            long poolCpu1 = ProcessSampler.threadCpuNanos(pool.threadId());
            OptionalLong serverCpu1 = serverCpuNanos();
            long wall1 = System.nanoTime();
            OptionalInt threads = server == null ? OptionalInt.empty() : server.threads();
            Optional<CameraStatus> status1 = status.fetch();
            reportProblems(snapshot);

            double wall = wall1 - wall0;
            reportClientLoad(viewers, poolCpu0 < 0 || poolCpu1 < 0 ? -1 : (poolCpu1 - poolCpu0) / wall * 100);
            Double sourceFps = status1.or(() -> status0).map(CameraStatus::fps).filter(f -> f > 0).orElse(null);
            Long serverCpu = serverCpu0.isPresent() && serverCpu1.isPresent()
                    ? serverCpu1.getAsLong() - serverCpu0.getAsLong() : null;
            return ResultRow.of(snapshot, sourceFps).withServer(
                    encodesPerSecond(status0, status1),
                    threads.isPresent() ? threads.getAsInt() : null,
                    serverCpu == null ? null : serverCpu / wall * 100,
                    (ownCpu1 - ownCpu0) / wall * 100,
                    ResultRow.microsPerFrame(serverCpu, snapshot));
        }
    }

    private static Double encodesPerSecond(Optional<CameraStatus> start, Optional<CameraStatus> end) {
        if (start.isEmpty() || end.isEmpty() || start.get().framesEncoded() < 0 || end.get().framesEncoded() < 0) {
            return null;
        }
        double seconds = (end.get().sampledNanos() - start.get().sampledNanos()) / 1e9;
        return (end.get().framesEncoded() - start.get().framesEncoded()) / seconds;
    }

    private OptionalLong serverCpuNanos() {
        return server == null ? OptionalLong.empty() : server.cpuNanos();
    }

    private static void reportClientLoad(int viewers, double poolThreadPct) {
        if (poolThreadPct < 0) {
            return;
        }
        progress("N=%d: client selector thread %.1f%% of one core", viewers, poolThreadPct);
        if (poolThreadPct > CLIENT_THREAD_BUSY_PCT) {
            progress("N=%d: WARNING: the client's selector thread is near saturation; staleness and fps may be "
                    + "client-limited", viewers);
        }
    }

    private static void reportProblems(RoundSnapshot s) {
        for (Map.Entry<String, Integer> failure : s.failures().entrySet()) {
            progress("N=%d: %d viewer(s): %s", s.viewers(), failure.getValue(), failure.getKey());
        }
        if (s.staleness().negatives() > 0) {
            progress("N=%d: %d part(s) stamped in the future (X-Timestamp ahead of this clock), counted as 0 ms",
                    s.viewers(), s.staleness().negatives());
        }
    }

    private static <T> T reply(CompletableFuture<T> future) throws Exception {
        return future.get(POOL_REPLY_SECONDS, TimeUnit.SECONDS);
    }

    private static void progress(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
