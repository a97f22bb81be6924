package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A real Tomcat distribution (not embedded) laid out by {@code bin/tomcat-base}, exactly as users get it, and run
 * with {@code catalina.sh run} as a child process. One instance per test class keeps the suite fast.
 * Deliberately not AutoCloseable: JUnit closes AutoCloseable arguments of a parameterized test after each invocation,
 * which would stop a Tomcat that the next ordered step still needs. Call {@link #stop()} in a finally or AfterAll.
 *
 * <p>Also holds the small clients the integration tests share: the manager text API and an MJPEG reader that works
 * on a raw socket, so a test sees each part the moment its bytes arrive (no client-side buffering hides a proxy's).
 */
public final class RealTomcat {

    /** The manager-script user written by {@code bin/tomcat-base --manager}. */
    public static final String MANAGER_USER = "gwtest";
    public static final String MANAGER_PASSWORD = "gwtest-secret";

    /** Lines that mean the webapp left something behind or failed; Tomcat and Log4j spell them differently. */
    public static final List<Pattern> BAD_LOG_LINES = List.of(
            Pattern.compile("appears to have started a thread"),
            Pattern.compile("failed to stop it"),
            Pattern.compile("memory leak", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bSEVERE\\b"),
            Pattern.compile("UnsatisfiedLinkError"),
            // Log4j's level column in the app's own lines (conf/log4j2.xml pattern: "date LEVEL [thread] ...").
            Pattern.compile("^\\S+ (ERROR|FATAL) "));

    /**
     * Tomcat's own utility threads bind a context's class loader while they run its background processing, so the
     * leak check of a stopping context can catch one mid-task and name it (seen once in several runs, Tomcat 10.1).
     * Those threads are Tomcat's, started by Tomcat, and not the app's to stop.
     */
    private static final Pattern TOMCAT_UTILITY = Pattern.compile("thread named \\[Catalina-utility-\\d+]");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path workDir;
    private final Path base;
    private final Path consoleLog;
    private final Path tomcatHome;
    private final boolean manager;
    private final boolean war;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private RealTomcat(String name, Path tomcatHome, boolean manager, boolean war) {
        this.name = name;
        this.tomcatHome = tomcatHome;
        this.manager = manager;
        this.war = war;
        // A fixed folder per fixture name: the last run's logs stay for inspection, and a run replaces the previous
        // one instead of piling up ~300 MB (the unpacked natives) per Tomcat per run.
        this.workDir = workRoot().resolve(name);
        this.base = workDir.resolve("base");
        this.consoleLog = workDir.resolve("console.log");
        this.port = freePort();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Where things are: failsafe passes these (pom.xml); the fallbacks let an IDE run a test from the project dir.

    public static Path projectDir() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    public static Path workRoot() {
        return pathProperty("gatewatch.test.work", projectDir().resolve("target/it-work"));
    }

    public static Path warFile() {
        return pathProperty("gatewatch.war", projectDir().resolve("target/gatewatch.war"));
    }

    public static Path tomcat11Home() {
        return pathProperty("gatewatch.tomcat.home", projectDir().resolve("target/apache-tomcat-11.0.24"));
    }

    public static Path tomcat10Home() {
        return pathProperty("gatewatch.tomcat10.home", projectDir().resolve("target/apache-tomcat-10.1.59"));
    }

    private static Path pathProperty(String key, Path fallback) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? fallback : Path.of(v).toAbsolutePath();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Starting and stopping

    /** The drop-in layout: Tomcat 11, gatewatch.war in webapps/, no manager. Waits until the app answers. */
    public static RealTomcat startDropIn(String name) {
        return start(name, tomcat11Home(), false, true);
    }

    /** A base with the manager and no WAR: tests deploy through the manager. Waits until the manager answers. */
    public static RealTomcat startWithManagerOnly(String name, Path tomcatHome) {
        return start(name, tomcatHome, true, false);
    }

    public static RealTomcat start(String name, Path tomcatHome, boolean manager, boolean war) {
        RealTomcat t = new RealTomcat(name, tomcatHome, manager, war);
        try {
            t.layOut();
            t.launch();
            t.awaitReady();
            return t;
        } catch (RuntimeException | Error e) {
            t.stop();
            throw e;
        }
    }

    private void layOut() {
        try {
            deleteTree(workDir);
            Files.createDirectories(workDir);
            assertTrue(Files.isDirectory(tomcatHome), "no Tomcat at " + tomcatHome + ": run mvn -DskipTests package");
            assertTrue(Files.isRegularFile(warFile()), "no WAR at " + warFile() + ": run mvn -DskipTests package");
            List<String> cmd = new ArrayList<>(List.of(projectDir().resolve("bin/tomcat-base").toString(),
                    base.toString(), "--tomcat-home", tomcatHome.toString()));
            if (manager) {
                cmd.addAll(List.of("--manager", MANAGER_USER + ":" + MANAGER_PASSWORD));
            }
            if (!war) {
                cmd.add("--no-war");
            }
            Path out = workDir.resolve("tomcat-base.log");
            Process p = new ProcessBuilder(cmd).directory(projectDir().toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("bin/tomcat-base did not finish within 60 s: " + Files.readString(out));
            }
            assertEquals(0, p.exitValue(), () -> "bin/tomcat-base " + cmd + " failed: " + read(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch() {
        // The same steps as `bin/gatewatch run`: source the base's setenv.sh, add the port, exec catalina.sh run.
        // exec keeps one process (the JVM) so destroying it stops Tomcat; no orphaned shell is left behind.
        String script = "source \"$1/setenv.sh\"\n"
                + "export CATALINA_OPTS=\"$CATALINA_OPTS -Dgatewatch.http.port=$2 -Dgatewatch.http.address=127.0.0.1\"\n"
                + "exec \"$CATALINA_HOME/bin/catalina.sh\" run\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script, "tomcat", base.toString(), Integer.toString(port))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(consoleLog.toFile());
        // The developer's own settings must not leak into the run: they would change what is under test.
        for (String key : List.of("CATALINA_OPTS", "JAVA_OPTS", "CATALINA_BASE", "CATALINA_HOME", "CATALINA_PID",
                "CATALINA_TMPDIR", "GATEWATCH_HOME", "GATEWATCH_CONFIG", "GATEWATCH_DEMO_PASSWORD")) {
            pb.environment().remove(key);
        }
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start catalina.sh for " + name, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String probe = war ? "/gatewatch/api/status" : "/manager/text/list";
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("Tomcat " + name + " exited with " + process.exitValue() + " before " + probe + " answered:\n"
                        + tail(60));
            }
            try {
                HttpRequest.Builder rq = HttpRequest.newBuilder(url(probe)).timeout(Duration.ofSeconds(5));
                if (!war) {
                    rq.header("Authorization", managerAuth());
                }
                lastStatus = http.send(rq.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        fail("Tomcat " + name + " did not answer 200 on " + probe + " within " + START_TIMEOUT.toSeconds()
                + " s (last status " + lastStatus + "):\n" + tail(60));
    }

    /** Ends the JVM (SIGTERM, so Tomcat stops its contexts and logs it; SIGKILL after 30 s) and waits. Idempotent. */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle c : children) {
                c.destroyForcibly();
                c.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A child that outlived SIGKILL's grace is reported by the OS, not by us; nothing more to do here.
        }
        process = null;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Addresses and logs

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:PORT} (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    public Path catalinaBase() {
        return base;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Everything Tomcat printed: catalina.sh run sends the JULI console handler (all of catalina.*.log) and the
     * app's Log4j console appender to stdout, which this fixture captures.
     */
    public String log() {
        return read(consoleLog);
    }

    /** The log lines matching {@link #BAD_LOG_LINES}, each with the line that follows (often the cause). */
    public List<String> badLogLines() {
        return badLines(log());
    }

    static List<String> badLines(String log) {
        String[] lines = log.split("\\R");
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (BAD_LOG_LINES.stream().anyMatch(p -> p.matcher(line).find()) && !TOMCAT_UTILITY.matcher(line).find()) {
                bad.add(i + 1 < lines.length ? line + "\n      " + lines[i + 1].strip() : line);
            }
        }
        return bad;
    }

    /** The last lines of the log, for failure messages. */
    public String tail(int lines) {
        List<String> all = log().lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            // Not UTF-8 after all (a native library's message): keep what can be read.
            try {
                return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                throw new UncheckedIOException(e2);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Plain HTTP

    public HttpResponse<byte[]> get(String path) {
        return get(url(path));
    }

    public HttpResponse<byte[]> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Manager text API (needs a base started with the manager)

    private static String managerAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (MANAGER_USER + ":" + MANAGER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** GET /manager/text/{command}; returns the body ("OK - ..." or "FAIL - ..."). */
    public String manager(String commandAndQuery) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(url("/manager/text/" + commandAndQuery))
                .timeout(Duration.ofSeconds(120)).header("Authorization", managerAuth()).GET().build());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.statusCode(), () -> "manager " + commandAndQuery + " answered " + r.statusCode() + ": " + body);
        return body;
    }

    private static String requireOk(String what, String body) {
        assertTrue(body.startsWith("OK"), () -> what + " failed: " + body.strip());
        return body;
    }

    /** Uploads the WAR with PUT (what a remote deploy does: curl -T). */
    public String deployUpload(String contextPath, Path warFile) {
        try {
            HttpRequest rq = HttpRequest.newBuilder(url("/manager/text/deploy?path=" + contextPath))
                    .timeout(Duration.ofSeconds(120)).header("Authorization", managerAuth())
                    .PUT(HttpRequest.BodyPublishers.ofFile(warFile)).build();
            HttpResponse<byte[]> r = send(rq);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertEquals(200, r.statusCode(), () -> "deploy upload answered " + r.statusCode() + ": " + body);
            return requireOk("deploy (upload) of " + warFile, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deploys a WAR that is on the server's disk ({@code war=file:...}). */
    public String deployLocal(String contextPath, Path warFile) {
        return requireOk("deploy of " + warFile, manager("deploy?path=" + contextPath + "&war=" + warFile.toUri()));
    }

    public String reload(String contextPath) {
        return requireOk("reload of " + contextPath, manager("reload?path=" + contextPath));
    }

    public String undeploy(String contextPath) {
        return requireOk("undeploy of " + contextPath, manager("undeploy?path=" + contextPath));
    }

    public String list() {
        return requireOk("list", manager("list"));
    }

    /** Tomcat runs a full GC itself before it looks for class loaders of stopped contexts that are still alive. */
    public String findLeaks() {
        return requireOk("findleaks", manager("findleaks?statusLine=true"));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // MJPEG

    /** One multipart part as it arrived. */
    public record Part(Map<String, String> headers, byte[] body, long arrivedMillis) {

        public long frame() {
            return Long.parseLong(header("x-frame"));
        }

        public long timestampMillis() {
            return Long.parseLong(header("x-timestamp"));
        }

        public String header(String name) {
            String v = headers.get(name.toLowerCase(Locale.ROOT));
            assertNotNull(v, () -> "part has no " + name + " header: " + headers);
            return v;
        }

        /** Decodes the body; fails unless it is a JPEG that ImageIO can read. */
        public BufferedImage decodeJpeg() {
            assertEquals("image/jpeg", header("content-type"), "part Content-Type");
            assertTrue(body.length > 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xd8,
                    "part body does not start with the JPEG SOI marker");
            return decodeImage(body, "part X-Frame " + headers.get("x-frame"));
        }
    }

    public static BufferedImage decodeImage(byte[] bytes, String what) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            assertNotNull(img, what + ": ImageIO cannot decode these " + bytes.length + " bytes");
            assertTrue(img.getWidth() > 0 && img.getHeight() > 0, what + ": empty image");
            return img;
        } catch (IOException e) {
            throw new AssertionError(what + ": not a readable image: " + e, e);
        }
    }

    /** Reads {@code count} parts from an MJPEG URL, each decoded as a JPEG; fails on any protocol error. */
    public static List<Part> readParts(URI uri, int count, Duration timeout) {
        try (MjpegStream s = MjpegStream.open(uri, timeout)) {
            assertEquals(200, s.status(), () -> "GET " + uri + " answered " + s.status());
            String type = s.header("content-type");
            assertEquals("multipart/x-mixed-replace; boundary=frame", type, "stream Content-Type from " + uri);
            List<Part> parts = new ArrayList<>();
            while (parts.size() < count) {
                Part p = s.next();
                p.decodeJpeg();
                parts.add(p);
            }
            return parts;
        } catch (IOException e) {
            throw new AssertionError("reading " + count + " parts from " + uri + " failed: " + e, e);
        }
    }

    /**
     * An MJPEG response read from a raw socket with HTTP/1.1 (chunked or not, as the server chooses), so each part's
     * arrival time is when its last byte came off the wire. The whole read is bounded by the deadline.
     */
    public static final class MjpegStream implements Closeable {
        private final Socket socket;
        private final int status;
        private final Map<String, String> headers;
        private final InputStream body;
        private final String boundary;

        private MjpegStream(Socket socket, int status, Map<String, String> headers, InputStream body) {
            this.socket = socket;
            this.status = status;
            this.headers = headers;
            this.body = body;
            String type = headers.getOrDefault("content-type", "");
            int i = type.indexOf("boundary=");
            this.boundary = i < 0 ? null : "--" + type.substring(i + "boundary=".length()).replace("\"", "").trim();
        }

        public static MjpegStream open(URI uri, Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Socket socket = new Socket();
            try {
                int port = uri.getPort() < 0 ? 80 : uri.getPort();
                socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
                socket.setSoTimeout(1000);
                String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                        + "\r\nAccept: */*\r\nUser-Agent: gatewatch-it\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = new DeadlineInputStream(new BufferedInputStream(socket.getInputStream(), 65536),
                        deadline, uri);
                String statusLine = readLine(in);
                String[] words = statusLine.split(" ");
                if (words.length < 2 || !words[0].startsWith("HTTP/")) {
                    throw new IOException("not an HTTP status line: " + statusLine);
                }
                Map<String, String> headers = readHeaders(in);
                InputStream body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                        ? new ChunkedInputStream(in) : in;
                return new MjpegStream(socket, Integer.parseInt(words[1]), headers, body);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        public int status() {
            return status;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public Map<String, String> headers() {
            return headers;
        }

        /** The next part; blank lines between parts are allowed, anything else before the boundary is an error. */
        public Part next() throws IOException {
            if (boundary == null) {
                throw new IOException("response has no multipart boundary: " + headers);
            }
            String line;
            do {
                line = readLine(body);
            } while (line.isEmpty());
            if (!line.equals(boundary)) {
                throw new IOException("expected boundary " + boundary + " but read: " + abbreviate(line));
            }
            Map<String, String> partHeaders = readHeaders(body);
            String length = partHeaders.get("content-length");
            if (length == null) {
                throw new IOException("part without Content-Length: " + partHeaders);
            }
            byte[] data = body.readNBytes(Integer.parseInt(length.trim()));
            if (data.length != Integer.parseInt(length.trim())) {
                throw new EOFException("stream ended inside a part (" + data.length + " of " + length + " bytes)");
            }
            return new Part(partHeaders, data, System.currentTimeMillis());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private static Map<String, String> readHeaders(InputStream in) throws IOException {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed header line: " + abbreviate(line));
                }
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            return headers;
        }

        /** A CRLF-terminated ASCII line without its terminator; long lines mean we are inside binary data. */
        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("stream ended; line so far: " + abbreviate(buf.toString(StandardCharsets.ISO_8859_1)));
                }
                if (b == '\n') {
                    String s = buf.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                buf.write(b);
                if (buf.size() > 8192) {
                    throw new IOException("line longer than 8 KiB: framing is broken");
                }
            }
        }

        private static String abbreviate(String s) {
            return s.length() > 120 ? s.substring(0, 120) + "..." : s;
        }
    }

    /** Turns socket read timeouts into one overall deadline, so a stalled stream fails the test instead of hanging. */
    private static final class DeadlineInputStream extends FilterInputStream {
        private final long deadlineNanos;
        private final URI uri;

        DeadlineInputStream(InputStream in, long deadlineNanos, URI uri) {
            super(in);
            this.deadlineNanos = deadlineNanos;
            this.uri = uri;
        }

        @Override
        public int read() throws IOException {
            while (true) {
                try {
                    return super.read();
                } catch (java.net.SocketTimeoutException e) {
                    checkDeadline();
                }
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                try {
                    return super.read(b, off, len);
                } catch (java.net.SocketTimeoutException e) {
                    checkDeadline();
                }
            }
        }

        private void checkDeadline() throws IOException {
            if (System.nanoTime() > deadlineNanos) {
                throw new java.net.SocketTimeoutException("no complete answer from " + uri + " before the deadline");
            }
        }
    }

    /** HTTP/1.1 chunked transfer decoding (nginx answers a 1.1 client of an endless response this way). */
    private static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (done) {
                return false;
            }
            if (remaining == 0) {
                String line = MjpegStream.readLine(in);
                if (line.isEmpty()) {
                    line = MjpegStream.readLine(in); // CRLF that ends the previous chunk
                }
                int semi = line.indexOf(';');
                remaining = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
                if (remaining == 0) {
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Small helpers

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + tomcatHome.getFileName() + ", " + baseUrl() + ")";
    }
}
