package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.gatewatch.config.ConfigLocation;
import org.gatewatch.stream.links.LinkKey;
import org.gatewatch.stream.links.StreamLinks;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed stream links on the deployed WAR: an admin mints one through {@code POST /api/cameras/{id}/links}, signed
 * with the key the app made in its data directory; bad requests get a one-line 400 or 404. That the link opens the
 * stream without a login is the authenticator valve's part, tested here once the valve is in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamLinksIT {

    /** {@code /gatewatch/cameras/{id}/{video_feed|snapshot.jpg}?token=…}: a path from the context path. */
    private static final Pattern LINK = Pattern.compile("/gatewatch/cameras/([^/]+)/(video_feed|snapshot\\.jpg)"
            + "\\?token=([A-Za-z0-9_-]+)");

    @ArquillianResource
    private URL base;
    private ApiClient api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base.toString());
    }

    private HttpResponse<String> mint(String camera, String body) {
        return mint(camera, body, "application/json");
    }

    private HttpResponse<String> mint(String camera, String body, String contentType) {
        return api.send(HttpRequest.newBuilder(api.uri("api/cameras/" + camera + "/links"))
                .header("Authorization", ItUsers.ADMIN.header()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The link's URL, after checking the answer's shape. */
    private String mintedUrl(String camera, String body) {
        HttpResponse<String> r = mint(camera, body);
        assertEquals(201, r.statusCode(), r.body());
        return ApiClient.json(r).get("url").asText();
    }

    /** The key file the app made: the test JVM resolves the data directory as the webapp in it does. */
    private static Path keyFile() {
        return ConfigLocation.fromSystem().dataDir().resolve(LinkKey.FILE_NAME);
    }

    private static Matcher link(String url) {
        Matcher m = LINK.matcher(url);
        assertTrue(m.matches(), "a path from the context path with a URL-safe token: " + url);
        return m;
    }

    private static void assertError(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = ApiClient.json(r);
        assertFalse(body.path("error").asText().isBlank(), r.body());
        assertFalse(body.path("error").asText().contains("\n"), "one line: " + r.body());
        if (field != null) {
            assertEquals(field, body.path("field").asText(), r.body());
        }
    }

    @Test
    void anAdminMintsAStreamLinkThatExpiresAfterTheSecondsAsked() throws IOException {
        Instant before = Instant.now();
        HttpResponse<String> r = mint("demo", "{\"seconds\": 120}");
        Instant after = Instant.now();

        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"), "a token is not cached");
        JsonNode json = ApiClient.json(r);
        Set<String> fields = new HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("url", "expires"), fields);
        Instant expires = Instant.parse(json.get("expires").asText());
        assertFalse(expires.isBefore(before.plusSeconds(120).minusSeconds(1)), expires + " vs " + before);
        assertFalse(expires.isAfter(after.plusSeconds(120)), expires + " vs " + after);

        Matcher m = link(json.get("url").asText());
        assertEquals("demo", m.group(1));
        assertEquals("video_feed", m.group(2));
        StreamLinks withTheAppsKey = new StreamLinks(Files.readAllBytes(keyFile()), "demo", Clock.systemUTC());
        assertTrue(withTheAppsKey.test("/cameras/demo/video_feed", m.group(3)), "signed with the data directory's key");
        assertTrue(withTheAppsKey.test("/cameras/demo/snapshot.jpg", m.group(3)));
        assertFalse(withTheAppsKey.test("/cameras/stills/video_feed", m.group(3)));
    }

    @Test
    void theKindPicksTheSnapshotOrTheStream() {
        Matcher snapshot = link(mintedUrl("stills", "{\"seconds\": 60, \"kind\": \"snapshot\"}"));
        assertEquals("stills", snapshot.group(1));
        assertEquals("snapshot.jpg", snapshot.group(2));
        assertEquals("video_feed", link(mintedUrl("stills", "{\"seconds\": 60, \"kind\": \"stream\"}")).group(2));
        assertEquals("video_feed", link(mintedUrl("stills", "{\"seconds\": 604800}")).group(2), "the longest life");
    }

    @Test
    void theKeyIsMadeInTheDataDirectoryReadableByItsOwnerOnly() throws IOException {
        mintedUrl("demo", "{\"seconds\": 5}");
        Path key = keyFile();
        assertEquals(32, Files.size(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void badRequestsGetOneLineErrors() {
        assertError(mint("nosuch", "{\"seconds\": 60}"), 404, null);
        for (String body : List.of("{}", "{\"seconds\": null}", "{\"seconds\": 0}", "{\"seconds\": -5}",
                "{\"seconds\": 1.5}", "{\"seconds\": \"60\"}", "{\"seconds\": 604801}", "{\"seconds\": true}",
                "{\"seconds\": 99999999999999999999999}", "{\"seconds\": [60]}", "{\"kind\": \"snapshot\"}")) {
            assertError(mint("demo", body), 400, "seconds");
        }
        assertError(mint("demo", "{\"seconds\": 60, \"kind\": \"video\"}"), 400, "kind");
        assertError(mint("demo", "{\"seconds\": 60, \"camera\": \"stills\"}"), 400, "camera");
        assertError(mint("demo", "{\"seconds\": "), 400, null);
        assertError(mint("demo", ""), 400, null);
        assertError(mint("demo", "[60]"), 400, null);
        assertError(mint("demo", "{\"seconds\": 60}", "text/plain"), 415, null);
        assertError(api.send(HttpRequest.newBuilder(api.uri("api/cameras/demo/links"))
                .header("Authorization", ItUsers.ADMIN.header()).GET()), 405, null);
        for (String path : List.of("api/cameras", "api/cameras/", "api/cameras/demo", "api/cameras/demo/links/x",
                "api/cameras/demo/other", "api/cameras//links")) {
            assertError(api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", ItUsers.ADMIN.header())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"seconds\": 60}"))), 404, null);
        }
    }

    /**
     * The link in use, without credentials: it opens its camera's stream and snapshot (and /video_feed for the first
     * camera), and a link altered, expired or for another camera is refused.
     */
    @Test
    void aLinkOpensItsCameraWithoutALoginUntilItExpires() throws Exception {
        String stream = mintedUrl("demo", "{\"seconds\": 300}");
        String snapshot = mintedUrl("demo", "{\"seconds\": 300, \"kind\": \"snapshot\"}");
        String token = link(stream).group(3);

        try (MjpegClient client = MjpegClient.openWith(server(stream), null)) {
            assertEquals(200, client.status(), "the stream opens without a login");
            assertEquals("multipart/x-mixed-replace; boundary=frame", client.header("Content-Type"));
            client.next().decode();
        }
        try (MjpegClient client = MjpegClient.openWith(server("/gatewatch/video_feed?token=" + token), null)) {
            assertEquals(200, client.status(), "/video_feed is the first camera, demo");
            client.next().decode();
        }
        HttpResponse<byte[]> jpeg = anonymousBytes(server(snapshot));
        assertEquals(200, jpeg.statusCode());
        assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
        assertTrue(ImageIO.read(new ByteArrayInputStream(jpeg.body())).getWidth() > 0);
        assertEquals(200, anonymousBytes(server("/gatewatch/cameras/demo/snapshot.jpg?token=" + token))
                .statusCode(), "a stream link opens the snapshot too");

        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherCamera = link(mintedUrl("stills", "{\"seconds\": 300}")).group(3);
        String expired = new StreamLinks(Files.readAllBytes(keyFile()), "demo",
                Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC)).mint("demo", Duration.ofSeconds(60))
                .token();
        for (String refused : List.of(altered, otherCamera, expired, "garbage")) {
            for (String path : List.of("/gatewatch/cameras/demo/video_feed", "/gatewatch/cameras/demo/snapshot.jpg",
                    "/gatewatch/video_feed")) {
                assertEquals(403, statusWithoutLogin(path + "?token=" + refused), path + " with " + refused);
            }
        }
        try (MjpegClient noToken = MjpegClient.openWith(server("/gatewatch/cameras/demo/video_feed"), null)) {
            assertFalse(noToken.status() == 200 && String.valueOf(noToken.header("Content-Type")).startsWith(
                    "multipart/"), "no token, no login, no stream: " + noToken.status());
        }
        HttpResponse<byte[]> status = anonymousBytes(server("/gatewatch/api/status?token=" + token));
        assertFalse(status.statusCode() == 200 && new String(status.body(), java.nio.charset.StandardCharsets.UTF_8).contains("\"maxViewers\""),
                "a link opens nothing but its camera: " + status.statusCode());
    }

    /** The status only: a stream that wrongly opens must fail the test, not hold it on an endless body. */
    private int statusWithoutLogin(String absolutePath) throws IOException {
        try (MjpegClient client = MjpegClient.openWith(server(absolutePath), null)) {
            return client.status();
        }
    }

    /** A GET without credentials: only the token may open the URL. */
    private static HttpResponse<byte[]> anonymousBytes(URI uri) throws IOException, InterruptedException {
        return GateWatchDeployment.HTTP.send(java.net.http.HttpRequest.newBuilder(uri)
                .timeout(java.time.Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A path from the context path on the test's server. */
    private URI server(String absolutePath) {
        return URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + absolutePath);
    }
}
