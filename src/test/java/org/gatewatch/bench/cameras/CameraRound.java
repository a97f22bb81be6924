package org.gatewatch.bench.cameras;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gatewatch.bench.ProcessSampler;
import org.gatewatch.bench.RoundSnapshot;
import org.gatewatch.bench.ViewerPool;
import org.gatewatch.it.ItUsers;
import org.gatewatch.it.tomcat.RealTomcat;

/** One camera count: its Tomcat, gallery, viewers and event listener, the measurement window and the report. */
final class CameraRound {

    private static final int RAMP_PER_SECOND = 200;

    private final List<CameraPlan> plans;
    private final Path config;
    private final Path faces;
    private final CamerasBenchmark.Options options;
    private final Map<String, WalkClock> clocks = new HashMap<>();
    private final AtomicLong heapMax = new AtomicLong();
    private final AtomicLong rssMax = new AtomicLong();

    CameraRound(List<CameraPlan> plans, Path config, Path faces, CamerasBenchmark.Options options) {
        this.plans = plans;
        this.config = config;
        this.faces = faces;
        this.options = options;
        plans.stream().filter(p -> !p.busy()).forEach(p -> clocks.put(p.id(), new WalkClock(p.variant())));
    }

    boolean run() throws Exception {
        int n = plans.size();
        progress("N=%d: starting Tomcat with %d busy and %d door cameras", n,
                plans.stream().filter(CameraPlan::busy).count(), plans.stream().filter(p -> !p.busy()).count());
        RealTomcat tomcat;
        try {
            tomcat = RealTomcat.startDropIn("bench-cameras-" + n, config);
        } catch (AssertionError e) {
            // Too many cameras to start in time is a result too: the next count still runs.
            System.out.printf(Locale.ROOT, "%nN=%d cameras: Tomcat did not start: %s%n", n,
                    e.getMessage().lines().findFirst().orElse(""));
            return false;
        }
        // Ctrl-C stops this round's Tomcat too.
        Thread stopTomcat = new Thread(tomcat::stop, "bench-cameras-stop");
        Runtime.getRuntime().addShutdownHook(stopTomcat);
        List<ViewerPool> pools = new ArrayList<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        try {
            ServerApi api = new ServerApi(tomcat.baseUrl() + "/gatewatch", ItUsers.ADMIN.header());
            int images = Files.isDirectory(faces) ? api.enrol("Bench Person", faces) : 0;
            progress("N=%d: Tomcat pid %d on port %d; gallery: 1 person, %d face images", n, tomcat.pid(),
                    tomcat.port(), images);
            ProcessSampler server = new ProcessSampler(tomcat.pid());
            for (CameraPlan p : plans) {
                ViewerPool pool = new ViewerPool(new InetSocketAddress("127.0.0.1", tomcat.port()),
                        request(p.id(), tomcat.port()), options.viewers(), RAMP_PER_SECOND, Integer.MAX_VALUE);
                pools.add(pool);
                pool.start();
            }
            try (EventTap tap = new EventTap(api)) {
                poller.scheduleAtFixedRate(() -> poll(api, server), 0, 1, TimeUnit.SECONDS);
                Thread.sleep(options.warmup() * 1000L);
                heapMax.set(0);
                rssMax.set(0);
                for (ViewerPool pool : pools) {
                    pool.openWindow().get(30, TimeUnit.SECONDS);
                }
                Map<String, ServerApi.Sample> s0 = api.status();
                OptionalLong cpu0 = server.cpuNanos();
                ThreadCpu.Snapshot threads0 = ThreadCpu.take(tomcat.pid());
                long[] machine0 = machineTicks();
                long t0 = System.nanoTime();
                progress("N=%d: measuring for %d s", n, options.seconds());
                Thread.sleep(options.seconds() * 1000L);
                List<RoundSnapshot> seen = new ArrayList<>();
                for (ViewerPool pool : pools) {
                    seen.add(pool.closeWindow().get(30, TimeUnit.SECONDS));
                }
                Map<String, ServerApi.Sample> s1 = api.status();
                OptionalLong cpu1 = server.cpuNanos();
                ThreadCpu.Snapshot threads1 = ThreadCpu.take(tomcat.pid());
                long[] machine1 = machineTicks();
                double wall = (System.nanoTime() - t0) / 1e9;
                Double cpuPct = cpu0.isPresent() && cpu1.isPresent()
                        ? (cpu1.getAsLong() - cpu0.getAsLong()) / 1e9 / wall * 100 : null;
                Map<String, Double> kinds = ThreadCpu.byKind(threads0, threads1, wall);
                RoundReport report = new RoundReport(plans, s0, s1, seen, options.viewers(),
                        ThreadCpu.byJavaName(tomcat.pid(), threads0, threads1, wall),
                        kinds.getOrDefault("analysis", 0.0));
                boolean goal = report.print(cpuPct, heapMax.get(), rssMax.get(), server.threads(),
                        Latency.of(tap.seen(), clocks));
                System.out.printf(Locale.ROOT, "Tomcat CPU by thread kind, %% of one core: %s; the machine's %d"
                                + " cores %.0f %% busy (every process), load average %s%n",
                        ThreadCpu.format(kinds), Runtime.getRuntime().availableProcessors(),
                        100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1]),
                        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                return goal;
            }
        } catch (IOException e) {
            System.out.printf(Locale.ROOT, "%nN=%d cameras: the round failed: %s%n", n, e);
            return false;
        } finally {
            poller.shutdownNow();
            for (ViewerPool pool : pools) {
                pool.close();
            }
            tomcat.stop();
            Runtime.getRuntime().removeShutdownHook(stopTomcat);
        }
    }

    /** Every second: where each door camera is in its loop, the heap in use and the resident memory. */
    private void poll(ServerApi api, ProcessSampler server) {
        try {
            api.status().forEach((id, s) -> {
                WalkClock clock = clocks.get(id);
                if (clock != null) {
                    clock.add(s);
                }
            });
            heapMax.accumulateAndGet(api.heapUsedBytes(), Math::max);
            server.rssBytes().ifPresent(rss -> rssMax.accumulateAndGet(rss, Math::max));
        } catch (IOException e) {
            progress("status poll: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The machine's busy and total CPU ticks so far, all cores (the first line of /proc/stat). */
    private static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    /** A viewer's request, as a player given http://viewer:password@host/… sends it. */
    private static byte[] request(String camera, int port) {
        return ("GET /gatewatch/cameras/" + camera + "/video_feed HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUser-Agent: GateWatch-CamerasBenchmark\r\nAuthorization: " + ItUsers.VIEWER.header()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static void progress(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
