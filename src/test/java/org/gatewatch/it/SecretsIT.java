package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gatewatch.it.tomcat.RealTomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Camera URLs with a password, against ports where nothing listens, in a real Tomcat: the password shows nowhere,
 * not in {@code /api/status}, not on the live page, not in anything Tomcat or the app logged (FFmpeg's own error
 * message quotes the URL), while {@code lastError} still names the camera by its masked URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsIT {

    private static final String PASSWORD = "s3cret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int rtspPort = FreePort.onLoopback();
    private final int mjpegPort = FreePort.onLoopback();
    private RealTomcat tomcat;

    @BeforeAll
    void startTomcatWithCamerasThatHavePasswords() throws IOException {
        Path config = TestPaths.workRoot().resolve("it-secrets.properties");
        Files.createDirectories(config.getParent());
        Files.writeString(config, String.join("\n",
                "cameras = gate, mjpeg",
                "camera.gate.source = rtsp://user:" + PASSWORD + "@127.0.0.1:" + rtspPort + "/x",
                "camera.gate.alwaysOn = true",
                "camera.mjpeg.source = http://viewer:" + PASSWORD + "@127.0.0.1:" + mjpegPort + "/stream?token="
                        + PASSWORD + "&fps=5",
                "camera.mjpeg.alwaysOn = true",
                ""), StandardCharsets.UTF_8);
        tomcat = RealTomcat.startDropIn("it-secrets-tomcat", config);
    }

    @AfterAll
    void stopTomcat() {
        if (tomcat != null) {
            tomcat.stop();
        }
    }

    private JsonNode camera(String id) throws IOException {
        JsonNode status = JSON.readTree(tomcat.get("/gatewatch/api/status").body());
        for (JsonNode camera : status.get("cameras")) {
            if (camera.get("id").asText().equals(id)) {
                return camera;
            }
        }
        throw new AssertionError("camera " + id + " missing from /api/status: " + status);
    }

    private static String text(JsonNode camera, String field) {
        JsonNode value = camera.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    @Test
    void statusPageAndLogShowTheCameraUrlsMasked() throws IOException {
        String gateUrl = "rtsp://user:***@127.0.0.1:" + rtspPort + "/x";
        // Two failed opens in a row: FFmpeg's message has been through lastError and the log at least twice.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> tomcat.log().text().contains("Camera gate: source failed (2 in a row)")
                        && tomcat.log().text().contains("Camera mjpeg: source failed (2 in a row)"));

        String status = new String(tomcat.get("/gatewatch/api/status").body(), StandardCharsets.UTF_8);
        assertFalse(status.contains(PASSWORD), status);
        JsonNode gate = camera("gate");
        assertEquals(gateUrl, text(gate, "source"));
        String lastError = text(gate, "lastError");
        assertTrue(lastError.contains(gateUrl), "lastError names the camera by its masked URL: " + lastError);
        JsonNode mjpeg = camera("mjpeg");
        assertEquals("http://viewer:***@127.0.0.1:" + mjpegPort + "/stream?token=***&fps=5", text(mjpeg, "source"));
        assertFalse(text(mjpeg, "lastError").isBlank(), "the MJPEG camera's failure shows: " + mjpeg);

        String page = new String(tomcat.get("/gatewatch/").body(), StandardCharsets.UTF_8);
        assertFalse(page.contains(PASSWORD), page);
        assertTrue(page.contains("rtsp://user:***@127.0.0.1:" + rtspPort), "the live page shows lastError: " + page);

        String log = tomcat.log().text();
        assertFalse(log.contains(PASSWORD), () -> "the password in the log:\n" + log.lines()
                .filter(l -> l.contains(PASSWORD)).limit(10).reduce("", (a, b) -> a + b + "\n"));
        assertTrue(log.contains(gateUrl), "the log names the camera by its masked URL:\n" + tomcat.log().tail(40));
    }

    /**
     * The shipped server.xml trusts X-Forwarded-Proto from the proxy on this machine (RemoteIpValve), so a browser
     * that reached nginx over HTTPS gets a Secure session cookie; over plain HTTP it does not.
     */
    @Test
    void sessionCookieIsSecureWhenTheProxySaysTheBrowserUsedHttps() throws Exception {
        java.util.function.Function<String, String> cookie = proto -> {
            try {
                java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        tomcat.url("/gatewatch/people")).timeout(Duration.ofSeconds(30));
                if (proto != null) {
                    request.header("X-Forwarded-Proto", proto);
                }
                return java.net.http.HttpClient.newHttpClient().send(request.build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding()).headers()
                        .allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                        .orElseThrow(() -> new AssertionError("no session cookie for the login form"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
        String viaHttps = cookie.apply("https");
        assertTrue(viaHttps.contains("Secure") && viaHttps.contains("HttpOnly") && viaHttps.contains("SameSite=Lax"),
                viaHttps);
        assertFalse(cookie.apply(null).contains("Secure"), "plain HTTP from this machine: no Secure flag");
    }

    /** Every state change is traced to its user: the audit logger names user, address and outcome. */
    @Test
    void everyChangeIsTracedToItsUserInTheAuditLog() throws Exception {
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(tomcat.url("/gatewatch/api/people"))
                        .header("Authorization", ItUsers.ADMIN.header()).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Traced\"}"))
                        .timeout(Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        long id = new ObjectMapper().readTree(created.body()).get("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> tomcat.log().text().contains(
                "change method=POST path=\"/gatewatch/api/people\" status=201 user=\"admin\" from=127.0.0.1"
                        + " created=\"" + tomcat.url("/gatewatch/api/people/" + id).getPath()));

        // The same change in the hash-chained trail, which audit-verify walks.
        Path dataDir = tomcat.catalinaBase().resolve("gatewatch-data");
        String trail = String.join("\n", Files.readAllLines(dataDir.resolve("audit")
                .resolve("audit-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".jsonl")));
        assertTrue(trail.contains("\"type\":\"change\",\"method\":\"POST\",\"path\":\"/gatewatch/api/people\","
                + "\"status\":201,\"user\":\"admin\",\"from\":\"127.0.0.1\""), trail);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = org.gatewatch.cli.AuditVerifyCommand.run(new String[] {dataDir.toString()},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("ok \\d+ records\\s*"), out.toString());
    }

    /** The shipped server.xml is the tuned one: its Tomcat reads as such in the status. */
    @Test
    void theShippedServerXmlDrawsNoConnectorWarning() throws IOException {
        JsonNode status = JSON.readTree(tomcat.get("/gatewatch/api/status").body());
        assertEquals(0, status.get("serverWarnings").size(), status.get("serverWarnings").toString());
    }
}
