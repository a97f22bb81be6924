package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-address limits and waits that hold no request thread, through the deployed WAR: one address gets
 * stream.maxViewersPerAddress streams and events.maxListenersPerAddress event listeners, the next gets a one-line
 * 429 until one of its own leaves; a hundred take-from-camera requests that wait take no Tomcat thread each.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tomcat's request threads in the embedded connector: http-nio-{port}-exec-{n}. */
    private static final Pattern REQUEST_THREAD = Pattern.compile("http-nio-.*-exec-\\d+");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LimitsDeployment.war();
    }

    @Test
    void oneAddressGetsItsStreamsAndTheNextIsRefusedUntilOneLeaves() throws Exception {
        String feed = "cameras/" + LimitsDeployment.CAMERA + "/video_feed";
        List<OpenResponse> streams = new ArrayList<>();
        try {
            for (int i = 0; i < LimitsDeployment.STREAMS_PER_ADDRESS; i++) {
                streams.add(OpenResponse.open(uri(feed)));
                assertEquals(200, streams.get(i).status, "stream " + (i + 1));
            }
            assertRefused(get(feed), "too many streams from your address: the limit is "
                    + LimitsDeployment.STREAMS_PER_ADDRESS + " (stream.maxViewersPerAddress)");
            // A snapshot that would wait for an idle camera counts too: refused at once, not after the wait.
            assertRefused(get("cameras/" + LimitsDeployment.DEAD_CAMERA + "/snapshot.jpg"),
                    "too many streams from your address: the limit is " + LimitsDeployment.STREAMS_PER_ADDRESS
                            + " (stream.maxViewersPerAddress)");

            streams.remove(0).abort();
            OpenResponse again = awaitAdmitted(feed);
            streams.add(again);
            assertEquals(200, again.status);
            assertEquals(429, get(feed).statusCode(), "full again with the newcomer");
        } finally {
            streams.forEach(OpenResponse::abort);
        }
    }

    @Test
    void oneAddressGetsItsEventListenersAndTheNextIsRefusedUntilOneLeaves() throws Exception {
        List<OpenResponse> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < LimitsDeployment.LISTENERS_PER_ADDRESS; i++) {
                listeners.add(OpenResponse.open(uri("api/events/stream")));
                assertEquals(200, listeners.get(i).status, "listener " + (i + 1));
                assertTrue(listeners.get(i).header("content-type").startsWith("text/event-stream"));
            }
            assertRefused(get("api/events/stream"), "too many event listeners from your address: the limit is "
                    + LimitsDeployment.LISTENERS_PER_ADDRESS + " (events.maxListenersPerAddress)");

            // A listener that left is noticed at the next write to it: the keep-alive comment, every 15 s.
            listeners.remove(0).abort();
            OpenResponse again = awaitAdmitted("api/events/stream");
            listeners.add(again);
            assertEquals(200, again.status);
            assertEquals(429, get("api/events/stream").statusCode(), "full again with the newcomer");
        } finally {
            listeners.forEach(OpenResponse::abort);
        }
    }

    @Test
    void aHundredWaitingTakesFromCameraHoldNoRequestThread() throws Exception {
        long person = createPerson("Waiting");
        // Once before, so the timing below is not the JSP's first compilation.
        assertEquals(200, get("").statusCode());
        assertEquals(200, get("api/status").statusCode());
        int before = requestThreads();
        assertTrue(before > 0, "the embedded connector's threads are named like " + REQUEST_THREAD);

        List<CompletableFuture<HttpResponse<String>>> takes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            takes.add(HTTP.sendAsync(authorized(uri("api/people/" + person + "/faces/from-camera/"
                            + LimitsDeployment.DEAD_CAMERA)).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // Let every take arrive and start waiting for the camera (10 s).
        Thread.sleep(3_000);
        assertTrue(takes.stream().noneMatch(CompletableFuture::isDone), "the takes are still waiting");

        assertAnswersQuickly("");
        assertAnswersQuickly("api/status");

        int during = requestThreads();
        int busy = busyRequestThreads();
        int inOurCode = requestThreadsInGateWatch();
        assertTrue(takes.stream().noneMatch(CompletableFuture::isDone), "the takes were still waiting");
        // The pool may grow while the burst of 100 arrives (each is taken in by a thread, briefly); what matters is
        // that the threads are back in the pool while the takes wait.
        assertTrue(busy < 10, busy + " request threads busy with 100 takes waiting (the pool went from " + before
                + " to " + during + ")");
        assertTrue(inOurCode <= 3, inOurCode + " request threads are inside GateWatch with 100 takes waiting");

        for (CompletableFuture<HttpResponse<String>> take : takes) {
            HttpResponse<String> r = take.get(30, TimeUnit.SECONDS);
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("camera '" + LimitsDeployment.DEAD_CAMERA + "' gave no frame within 10 s: see /api/status"
                    + " for its state", JSON.readTree(r.body()).get("error").asText());
        }
        assertTrue(System.nanoTime() - t0 >= 9_000_000_000L, "each take waited for the camera first");
    }

    @Test
    void thePersonPageTakesFromACameraWithoutAThreadAndAnswersAsBefore() throws Exception {
        long person = createPerson("Page");
        HttpResponse<String> none = capture(person, "nosuch");
        assertEquals(404, none.statusCode());
        assertTrue(none.body().contains("no camera &#039;nosuch&#039;"), none.body());

        // The wait ends in a second pass of the same request, which renders the page with the camera's message.
        long t0 = System.nanoTime();
        HttpResponse<String> dead = capture(person, LimitsDeployment.DEAD_CAMERA);
        assertEquals(503, dead.statusCode());
        assertTrue(dead.body().contains("gave no frame within 10 s: see /api/status for its state</p>"), dead.body());
        assertTrue(System.nanoTime() - t0 >= 9_000_000_000L, "waited for the camera first");

        HttpResponse<String> noFace = capture(person, LimitsDeployment.CAMERA);
        assertEquals(422, noFace.statusCode());
        assertTrue(noFace.body().contains("no face found in the image"), noFace.body());
    }

    private long createPerson(String name) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("name", name + " " + System.nanoTime()).toString();
        HttpResponse<String> r = HTTP.send(authorized(uri("api/people")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private HttpResponse<String> capture(long person, String camera) throws IOException, InterruptedException {
        return HTTP.send(authorized(uri("people/" + person)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=capture&camera=" + camera)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertAnswersQuickly(String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> r = get(path);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.statusCode(), "/" + path + ": " + r.body());
        assertTrue(millis < 3_000, "/" + path + " answered in " + millis + " ms");
    }

    private static int requestThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && REQUEST_THREAD.matcher(t.getName()).matches()).count();
    }

    /** Request threads not waiting in the pool for work. */
    private static int busyRequestThreads() {
        return requestThreadsWhere(stack -> java.util.Arrays.stream(stack)
                .noneMatch(f -> f.getMethodName().equals("getTask")));
    }

    /** Request threads with a GateWatch frame on their stack: busy in (or blocked by) the application. */
    private static int requestThreadsInGateWatch() {
        return requestThreadsWhere(stack -> java.util.Arrays.stream(stack)
                .anyMatch(f -> f.getClassName().startsWith("org.gatewatch.")));
    }

    private static int requestThreadsWhere(java.util.function.Predicate<StackTraceElement[]> stack) {
        return (int) Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> REQUEST_THREAD.matcher(e.getKey().getName()).matches())
                .filter(e -> stack.test(e.getValue()))
                .count();
    }

    private void assertRefused(HttpResponse<String> r, String reason) throws IOException {
        assertEquals(429, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(reason, body.get("error").asText());
        assertEquals(1, body.size(), "one line, no more: " + r.body());
        assertTrue(r.headers().firstValue("Retry-After").orElse("").matches("\\d+"), "Retry-After: " + r.headers());
    }

    /** Opens {@code path} until it is admitted: the server notices the one that left at its next write. */
    private OpenResponse awaitAdmitted(String path) {
        OpenResponse[] admitted = new OpenResponse[1];
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
            OpenResponse r = OpenResponse.open(uri(path));
            if (r.status == 200) {
                admitted[0] = r;
                return true;
            }
            r.abort();
            return false;
        });
        return admitted[0];
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", ItUsers.ADMIN.header());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(authorized(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A response whose head was read and whose endless body is left open, on a raw socket, until closed. */
    private static final class OpenResponse {
        final Socket socket;
        final int status;
        final Map<String, String> headers;

        private OpenResponse(Socket socket, int status, Map<String, String> headers) {
            this.socket = socket;
            this.status = status;
            this.headers = headers;
        }

        static OpenResponse open(URI uri) throws IOException {
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: " + ItUsers.ADMIN.header() + "\r\nAccept: */*\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return new OpenResponse(socket, Integer.parseInt(lines[0].split(" ")[1]), headers);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        /** Leaves as a browser whose tab closed: a reset, so the server's next write fails. */
        void abort() {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot close a test connection", e);
            }
        }
    }
}
