package org.gatewatch.bench.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.realm.MemoryRealm;
import org.apache.catalina.startup.Tomcat;
import org.gatewatch.db.Database;
import org.gatewatch.db.TestDatabases;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.NewEvent;
import org.gatewatch.web.Services;

/**
 * bin/bench-events: (1) decisions journaled per second, each with a frame and a face JPEG, on H2 and on PostgreSQL,
 * with the cost per decision, the database's catch-up after a 30 s outage and the webhook's latency
 * ({@link JournalBenchmark});
 * (2) the events page and API response times with 100,000 events stored (p50/p99); (3) Server-Sent Events fan-out
 * of new events to 200 listeners. Parts 2 and 3 run the built WAR in an embedded Tomcat in this JVM, so the
 * benchmark reaches the app's own EventRecorder: no endpoint in the WAR can make events.
 *
 * <p>Options: --events N (per write run, default 2000), --stored N (default 100000), --requests N (default 300),
 * --listeners N (default 200), --outage-rate N (decisions per second during the outage, default 10), --no-postgres.
 * Prints figures on stdout.
 */
public final class EventsBenchmark {

    private static final String USER = "bench";
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"), "bench-events");

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int events = Integer.parseInt(o.getOrDefault("events", "2000"));
        int stored = Integer.parseInt(o.getOrDefault("stored", "100000"));
        int requests = Integer.parseInt(o.getOrDefault("requests", "300"));
        int listeners = Integer.parseInt(o.getOrDefault("listeners", "200"));
        byte[] frame = SampleImages.jpeg(768, 576, 1);
        byte[] face = SampleImages.jpeg(112, 112, 2);
        out("GateWatch events benchmark, %d cores, frame JPEG %d kB + face JPEG %d kB per event",
                Runtime.getRuntime().availableProcessors(), frame.length / 1024, face.length / 1024);

        int outageRate = Integer.parseInt(o.getOrDefault("outage-rate", "10"));
        out("%n1. Decisions journaled (2 snapshot files and a journal line, each forced to disk), then written to the"
                + " database by its reader");
        Path h2 = JournalBenchmark.workDir(WORK);
        new JournalBenchmark("H2 (embedded file)", h2(h2), h2, frame, face).run(events, outageRate);
        if (!o.containsKey("no-postgres")) {
            Path pg = JournalBenchmark.workDir(WORK);
            new JournalBenchmark("PostgreSQL (local)", TestDatabases.freshPostgres("gatewatch_bench"), pg, frame,
                    face).run(events, outageRate);
        }

        Path home = WORK.resolve("home-" + UUID.randomUUID());
        out("%n2. Events page with %,d events stored (embedded H2, sequential requests)", stored);
        seed(home, stored, frame, face);
        Tomcat tomcat = startTomcat(home);
        try {
            int port = tomcat.getConnector().getLocalPort();
            String base = "http://127.0.0.1:" + port + "/gatewatch/";
            for (String path : List.of("events", "events?decision=DENIED", "events?page=" + (stored / 25 - 1),
                    "api/events", "api/events?camera=north&decision=GRANTED")) {
                out("   GET /gatewatch/%-40s %s", path, time(base + path, requests).summary());
            }
            Context ctx = (Context) tomcat.getHost().findChild("/gatewatch");
            EventRecorder recorder = Services.recorder(ctx.getServletContext());
            out("%n3. Server-Sent Events fan-out to %d listeners (events recorded at 20/s, no snapshots)", listeners);
            fanOut(base + "api/events/stream", recorder, listeners, 100);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static Database h2(Path dir) {
        return Database.h2(dir.resolve("db").resolve("gatewatch")).migrate();
    }

    /** {@code stored} events over the last 30 days in batches; all point at one pair of snapshot files. */
    private static void seed(Path home, int stored, byte[] frame, byte[] face) throws Exception {
        long start = System.nanoTime();
        try (Database db = h2(home)) {
            Path snapshots = Files.createDirectories(home.resolve("snapshots/seed"));
            Files.write(snapshots.resolve("frame.jpg"), frame);
            Files.write(snapshots.resolve("face.jpg"), face);
            Instant now = Instant.now();
            Decision[] decisions = Decision.values();
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement s = c.prepareStatement("INSERT INTO access_event (camera, occurred_at, decision,"
                         + " person_name, score, rule, track_id, frame_file, face_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                c.setAutoCommit(false);
                for (int i = 0; i < stored; i++) {
                    s.setString(1, i % 3 == 0 ? "north" : "south");
                    s.setObject(2, now.minusSeconds((long) (stored - i) * 26).atOffset(ZoneOffset.UTC));
                    s.setString(3, decisions[i % 3].name());
                    s.setString(4, i % 3 == 2 ? null : "Person " + (i % 500));
                    s.setDouble(5, 0.5 + (i % 50) / 100.0);
                    s.setString(6, "seed");
                    s.setLong(7, i);
                    s.setString(8, "seed/frame.jpg");
                    s.setString(9, "seed/face.jpg");
                    s.addBatch();
                    if (i % 1000 == 999) {
                        s.executeBatch();
                        c.commit();
                    }
                }
                s.executeBatch();
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding failed", e);
        }
        out("   seeded %,d events in %.1f s", stored, (System.nanoTime() - start) / 1e9);
    }

    /** The built WAR in an embedded Tomcat; classes come from this JVM's class path so the benchmark shares them. */
    private static Tomcat startTomcat(Path home) throws Exception {
        Path config = Files.createDirectories(home).resolve("gatewatch.properties");
        // Every listener of part 3 comes from 127.0.0.1: the per-address limit is lifted to the server's.
        Files.writeString(config, "cameras = north, south\ncamera.north.source = demo\ncamera.south.source = demo\n"
                + "events.maxListenersPerAddress = 1000\n");
        System.setProperty("gatewatch.home", home.toAbsolutePath().toString());
        System.setProperty("gatewatch.config", config.toAbsolutePath().toString());
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(WORK.resolve("tomcat")).toAbsolutePath().toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector();
        Path war = Path.of(System.getProperty("gatewatch.war", "target/gatewatch.war")).toAbsolutePath();
        Context ctx = tomcat.addWebapp("/gatewatch", war.toString());
        ((StandardContext) ctx).setDelegate(true);
        // Every URL asks for a login: one admin, in a realm of this context, as a site's tomcat-users.xml grants it.
        Path users = home.resolve("bench-users.xml");
        Files.writeString(users, "<tomcat-users><user username=\"" + USER + "\" password=\"" + PASSWORD
                + "\" roles=\"gatewatch-admin\"/></tomcat-users>");
        MemoryRealm realm = new MemoryRealm();
        realm.setPathname(users.toAbsolutePath().toString());
        ctx.setRealm(realm);
        tomcat.start();
        if (!ctx.getState().isAvailable()) {
            throw new IllegalStateException("GateWatch did not start in the embedded Tomcat: see the log above");
        }
        return tomcat;
    }

    private static Samples time(String url, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTHORIZATION).build();
        for (int i = 0; i < Math.min(50, n); i++) {
            check(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), url);
        }
        Samples samples = new Samples();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            check(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), url);
            samples.add(System.nanoTime() - start);
        }
        return samples;
    }

    /** A 200 with at least one event in it: a fast empty page would measure nothing. */
    private static void check(HttpResponse<byte[]> r, String url) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        if (r.statusCode() != 200 || !(body.contains("<tr data-event=\"") || body.contains("\"items\":[{"))) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + " without events: "
                    + body.substring(0, Math.min(300, body.length())));
        }
    }

    /** Each listener a thread reading its stream; latency = line received - just before record() was called. */
    private static void fanOut(String url, EventRecorder recorder, int listeners, int events) throws Exception {
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        Samples latency = new Samples();
        AtomicInteger received = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(listeners);
        List<Map<Long, Long>> arrivals = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < listeners; i++) {
            Map<Long, Long> mine = new ConcurrentHashMap<>();
            arrivals.add(mine);
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestProperty("Authorization", AUTHORIZATION);
            c.setReadTimeout(30_000);
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    connected.countDown();
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("id: ")) {
                            mine.put(Long.parseLong(line.substring(4)), System.nanoTime());
                            received.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // Closed by the benchmark at the end.
                }
            }, "sse-listener-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (listeners - connected.getCount()) + " listeners connected");
        }
        Thread.sleep(500);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long t0 = System.nanoTime();
            long id = recorder.record(new NewEvent("fanout", Instant.now(), Decision.PASSAGE, null, null, null, null,
                    (long) i, null, null)).id();
            sentAt.put(id, t0);
            long next = start + (i + 1) * 50_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < listeners * events && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        for (Map<Long, Long> mine : arrivals) {
            mine.forEach((id, at) -> {
                Long sent = sentAt.get(id);
                if (sent != null) {
                    latency.add(at - sent);
                }
            });
        }
        out("   delivered %,d of %,d messages (%d events x %d listeners); latency %s", latency.size(),
                listeners * events, events, listeners, latency.summary());
        // The connections end when Tomcat stops (the stream servlet completes every client); closing them here
        // would wait on the reader threads' locks (HttpURLConnection's chunked stream).
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new ConcurrentHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                o.put(key, args[++i]);
            } else {
                o.put(key, "true");
            }
        }
        return o;
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
