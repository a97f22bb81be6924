package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatewatch.it.tomcat.RealTomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * GateWatch behind nginx, configured with the file users get (conf/nginx/gatewatch.conf) with only the two ports
 * changed. The point is the stream: a proxy that buffers delivers every frame late, which a viewer sees as lag.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxProxyIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    /** A part counts as live if its last byte arrives within this long of its capture time (X-Timestamp). */
    private static final long MAX_LATENCY_MILLIS = 1000;
    private static final int PARTS = 25;

    private RealTomcat tomcat;
    private Process nginx;
    private Path prefix;
    private int nginxPort;

    @BeforeAll
    void startTomcatAndNginx() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(NGINX), () -> {
            String reason = "NginxProxyIT skipped: " + NGINX + " is missing (apt-get install nginx)";
            System.out.println(reason);
            return reason;
        });
        tomcat = RealTomcat.startDropIn("it-nginx-tomcat");
        prefix = TestPaths.workRoot().resolve("it-nginx");
        nginxPort = FreePort.onLoopback();
        writeNginxConfig();
        startNginx();
    }

    @AfterAll
    void stopNginxAndTomcat() throws InterruptedException {
        if (nginx != null) {
            // SIGTERM is nginx's fast shutdown; the master takes its workers with it.
            List<ProcessHandle> workers = nginx.descendants().toList();
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
            workers.forEach(ProcessHandle::destroyForcibly);
        }
        if (tomcat != null) {
            tomcat.stop();
        }
    }

    @Test
    @Order(1)
    void livePageLoadsThroughNginx() {
        HttpResponse<byte[]> page = tomcat.get(viaNginx("/gatewatch/"));
        assertEquals(200, page.statusCode(), "GET /gatewatch/ through nginx");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<img class=\"stream\" id=\"stream-demo\" src=\"/gatewatch/cameras/demo/video_feed\""),
                () -> "the page through nginx has no demo stream image:\n" + html);

        // The page's own resources are absolute /gatewatch/... paths: they must come through the same location.
        assertEquals(200, tomcat.get(viaNginx("/gatewatch/static/css/gatewatch.css")).statusCode(), "stylesheet");
        assertEquals(200, tomcat.get(viaNginx("/gatewatch/static/js/live.js")).statusCode(), "script");
        HttpResponse<byte[]> status = tomcat.get(viaNginx("/gatewatch/api/status"));
        assertEquals(200, status.statusCode(), "status API");
        assertTrue(new String(status.body(), StandardCharsets.UTF_8).contains("\"id\":\"demo\""), "status names demo");

        HttpResponse<byte[]> bare = tomcat.get(viaNginx("/gatewatch"));
        assertEquals(301, bare.statusCode(), "/gatewatch without the slash");
        assertTrue(bare.headers().firstValue("Location").orElse("").endsWith("/gatewatch/"),
                () -> "/gatewatch redirects to " + bare.headers().firstValue("Location"));
    }

    @Test
    @Order(2)
    void snapshotThroughNginxIsAFreshJpeg() {
        HttpResponse<byte[]> snap = tomcat.get(viaNginx("/gatewatch/cameras/demo/snapshot.jpg"));
        assertEquals(200, snap.statusCode(), "snapshot through nginx");
        assertEquals("image/jpeg", snap.headers().firstValue("Content-Type").orElse(""), "snapshot Content-Type");
        Images.decode(snap.body(), "snapshot through nginx");
        long taken = Long.parseLong(snap.headers().firstValue("X-Timestamp").orElseThrow());
        long age = System.currentTimeMillis() - taken;
        assertTrue(age < 5000, "snapshot is " + age + " ms old");
    }

    @Test
    @Order(3)
    void streamThroughNginxArrivesUnbuffered() throws IOException {
        List<MjpegClient.Part> parts = new ArrayList<>();
        try (MjpegClient stream = MjpegClient.open(viaNginx("/gatewatch/cameras/demo/video_feed"),
                Duration.ofSeconds(30))) {
            assertEquals(200, stream.status(), "stream through nginx");
            assertEquals("multipart/x-mixed-replace; boundary=frame", stream.header("content-type"),
                    "nginx must pass the multipart Content-Type unchanged");
            while (parts.size() < PARTS) {
                MjpegClient.Part p = stream.next();
                p.decode();
                parts.add(p);
            }
        }
        List<String> late = new ArrayList<>();
        LongSummaryStatistics latency = new LongSummaryStatistics();
        for (int i = 0; i < parts.size(); i++) {
            MjpegClient.Part p = parts.get(i);
            long millis = p.arrivedMillis() - p.timestampMillis();
            latency.accept(millis);
            if (millis > MAX_LATENCY_MILLIS) {
                late.add("part " + i + " (X-Frame " + p.frame() + ") arrived " + millis + " ms after capture");
            }
            if (i > 0) {
                long prev = parts.get(i - 1).frame();
                assertTrue(p.frame() > prev, "X-Frame went from " + prev + " to " + p.frame());
            }
        }
        String stats = "latency min/median/max " + latency.getMin() + "/" + median(latencies(parts)) + "/"
                + latency.getMax() + " ms, frame interval " + median(intervals(parts)) + " ms";
        assertTrue(late.isEmpty(), () -> late.size() + " of " + parts.size() + " parts were late through nginx ("
                + stats + "):\n" + String.join("\n", late));
        // A buffering proxy still passes most bytes on at once, but holds each part's tail until the next frame
        // pushes it out: every part then arrives about one frame interval late (measured: ~100 ms at 10 fps,
        // against ~5 ms unbuffered). The 1 s bound above cannot see that; half an interval can.
        assertTrue(median(latencies(parts)) < median(intervals(parts)) / 2,
                () -> "parts arrive about a frame late through nginx: it buffers the stream (" + stats + ")");
    }

    private static List<Long> latencies(List<MjpegClient.Part> parts) {
        return parts.stream().map(p -> p.arrivedMillis() - p.timestampMillis()).toList();
    }

    private static List<Long> intervals(List<MjpegClient.Part> parts) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            out.add(parts.get(i).timestampMillis() - parts.get(i - 1).timestampMillis());
        }
        return out;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    @Order(4)
    void nginxLogsNoErrors() throws IOException {
        // An upstream that closes early, a read timeout or a buffering problem shows up here as [error] or worse.
        List<String> bad = Files.readAllLines(prefix.resolve("logs/error.log")).stream()
                .filter(l -> l.matches(".*\\[(error|crit|alert|emerg)].*")).toList();
        assertTrue(bad.isEmpty(), () -> "nginx error.log:\n" + String.join("\n", bad));
    }

    // ----------------------------------------------------------------------------------------------------------------

    private URI viaNginx(String path) {
        return URI.create("http://127.0.0.1:" + nginxPort + path);
    }

    /** The committed example with only its ports changed, inside a minimal nginx.conf that writes only to prefix. */
    private void writeNginxConfig() throws IOException {
        Path example = Path.of(System.getProperty("gatewatch.conf", TestPaths.projectDir().resolve("conf").toString()))
                .resolve("nginx/gatewatch.conf");
        String server = Files.readString(example);
        server = replaceOnce(server, "listen 80;", "listen 127.0.0.1:" + nginxPort + ";", example);
        server = replaceOnce(server, "proxy_pass http://127.0.0.1:8080;",
                "proxy_pass http://127.0.0.1:" + tomcat.port() + ";", example);

        TestPaths.deleteTree(prefix);
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        Files.writeString(prefix.resolve("gatewatch.conf"), server);
        // Every path nginx would otherwise take from its compiled-in defaults (/var/lib/nginx, /var/log/nginx, /run)
        // points into prefix, so the test needs no root-owned folders and leaves nothing outside target/.
        String main = String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("logs/error.log") + " info;",
                "events { worker_connections 256; }",
                "http {",
                "  access_log " + prefix.resolve("logs/access.log") + ";",
                "  client_body_temp_path " + prefix.resolve("tmp/body") + ";",
                "  proxy_temp_path " + prefix.resolve("tmp/proxy") + ";",
                "  fastcgi_temp_path " + prefix.resolve("tmp/fastcgi") + ";",
                "  uwsgi_temp_path " + prefix.resolve("tmp/uwsgi") + ";",
                "  scgi_temp_path " + prefix.resolve("tmp/scgi") + ";",
                "  include " + prefix.resolve("gatewatch.conf") + ";",
                "}", "");
        Files.writeString(prefix.resolve("nginx.conf"), main);
    }

    /** Fails if the example no longer has the line the test rewrites: the test must not silently proxy elsewhere. */
    private static String replaceOnce(String text, String literal, String replacement, Path file) {
        Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count != 1) {
            fail(file + " must contain \"" + literal + "\" exactly once (found " + count + "); the test rewrites it");
        }
        return text.replace(literal, replacement);
    }

    private void startNginx() throws IOException, InterruptedException {
        List<String> base = List.of(NGINX.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                "-e", prefix.resolve("logs/error.log").toString());
        List<String> check = new ArrayList<>(base);
        check.add("-t");
        Process t = new ProcessBuilder(check).redirectErrorStream(true).start();
        String checkOut = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(t.waitFor(30, TimeUnit.SECONDS) && t.exitValue() == 0,
                () -> "nginx -t rejects the configuration built from conf/nginx/gatewatch.conf:\n" + checkOut);

        nginx = new ProcessBuilder(base).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                fail("nginx exited with " + nginx.exitValue() + ":\n" + Files.readString(prefix.resolve("nginx.out"))
                        + Files.readString(prefix.resolve("logs/error.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", nginxPort), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new UncheckedIOException(new IOException("nginx did not listen on " + nginxPort + " within 15 s"));
    }
}
