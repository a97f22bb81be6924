package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.gatewatch.people.CraftedImages;
import org.gatewatch.people.enrollment.FaceBench;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inputs crafted to hurt the server, against the deployed WAR: image bombs and broken images, oversized JSON, huge
 * query strings and headers. Each gets a 4xx with a one-line {@code {"error"}}, never a 500; a stored face keeps
 * nothing of the uploader's EXIF.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {

    @ArquillianResource
    private URL base;
    private ApiClient api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base.toString());
    }

    @Test
    void imageBombsAreRefusedFromTheirHeaderWith422() {
        long id = api.createPerson("Bombs " + run, null).get("id").asLong();
        // A 67-byte PNG that claims 400 megapixels; decoding it would ask for 1.2 GB.
        HttpResponse<String> png = upload(id, "bomb.png", "image/png", CraftedImages.pngClaiming(20_000, 20_000));
        assertError(png, 422);
        assertTrue(png.body().contains("20000 x 20000"), "refused for its header, not for its missing pixels: "
                + png.body());
        HttpResponse<String> jpeg = upload(id, "wide.jpg", "image/jpeg", CraftedImages.jpegClaiming(12_000, 4_000));
        assertError(jpeg, 422);
        assertTrue(jpeg.body().contains("12000 x 4000"), jpeg.body());
        assertEquals(0, ApiClient.json(api.get("api/people/" + id)).get("faces").size(), "nothing stored");
    }

    @Test
    void imagesThatCannotBeDecodedAre4xxWithOneLine() {
        long id = api.createPerson("Broken " + run, null).get("id").asLong();
        byte[] random = new byte[64 * 1024];
        new Random(42).nextBytes(random);
        byte[] fakeJpeg = random.clone();
        fakeJpeg[0] = (byte) 0xFF;
        fakeJpeg[1] = (byte) 0xD8;
        fakeJpeg[2] = (byte) 0xFF;
        for (byte[] bad : new byte[][] {CraftedImages.truncatedJpeg(), random, fakeJpeg,
                CraftedImages.pngClaiming(300, 200)}) {
            assertError(upload(id, "bad.jpg", "image/jpeg", bad), 422);
        }
        HttpResponse<String> malformed = api.send(HttpRequest.newBuilder(api.uri("api/people/" + id + "/faces"))
                .header("Content-Type", "multipart/form-data; boundary=nothere")
                .POST(HttpRequest.BodyPublishers.ofString("--elsewhere\r\nno headers, no end")));
        assertError(malformed, 400);
        assertEquals(0, ApiClient.json(api.get("api/people/" + id)).get("faces").size(), "nothing stored");
    }

    @Test
    void thePersonPageRefusesAnImageBombWith422() {
        long id = api.createPerson("Page bomb " + run, null).get("id").asLong();
        String boundary = "gw" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nupload\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"bomb.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(CraftedImages.pngClaiming(20_000, 20_000));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> page = api.send(HttpRequest.newBuilder(api.uri("people/" + id))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertEquals(422, page.statusCode());
        assertTrue(page.body().contains("id=\"image-error\">the image is 20000 x 20000 pixels"), page.body());
    }

    // Found by the fuzz: Tomcat's multipart parser throws its own unchecked InvalidFileNameException for a NUL in a
    // file name; the API answered 500 with the exception's message, the person page Tomcat's 500 page.
    @Test
    void aNulInAnUploadsFileNameIs400NotAServerError() {
        long id = api.createPerson("Nul " + run, null).get("id").asLong();
        byte[] image = CraftedImages.image("jpg", 64, 48);
        assertError(upload(id, "a\u0000.jpg", "image/jpeg", image), 400);
        String boundary = "gw" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nupload\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a\u0000.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> page = api.send(HttpRequest.newBuilder(api.uri("people/" + id))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertEquals(400, page.statusCode(), page.body());
        assertFalse(page.body().contains("Exception"), page.body());
        assertEquals(0, ApiClient.json(api.get("api/people/" + id)).get("faces").size(), "nothing stored");
    }

    // Tomcat's own error pages for the webapp (here the static files' 404) name no server version and show no
    // stack trace: the ErrorReportValve of META-INF/context.xml, for a WAR dropped into any Tomcat.
    @Test
    void tomcatsErrorPagesForTheWebappShowNoServerVersion() {
        HttpResponse<String> missing = api.get("static/none.css");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.body().contains("Apache Tomcat"), missing.body());
    }

    @Test
    void aStoredFaceKeepsNoneOfTheUploadersExif() {
        long id = api.createPerson("Exif " + run, null).get("id").asLong();
        byte[] phone = CraftedImages.withExif(FaceBench.bytes("gallery/franck/franck_002.jpg"), 1, false);
        assertTrue(CraftedImages.hasExif(phone));
        HttpResponse<String> up = upload(id, "phone.jpg", "image/jpeg", phone);
        assertEquals(201, up.statusCode(), up.body());
        String url = ApiClient.json(up).get("url").asText().substring("/gatewatch/".length());
        HttpResponse<byte[]> stored = api.getBytes(url);
        assertEquals(200, stored.statusCode());
        assertEquals("image/jpeg", stored.headers().firstValue("Content-Type").orElse(""));
        assertFalse(CraftedImages.hasExif(stored.body()), "no APP1 Exif segment in the stored image");
        assertFalse(new String(stored.body(), StandardCharsets.ISO_8859_1).contains("Exif"));
        assertEquals((byte) 0xD8, stored.body()[1], "a JPEG still");
    }

    @Test
    void aJsonBodyAbove64KiBIs413() {
        String big = "{\"name\":\"Big " + run + "\",\"notes\":\"" + "x".repeat(65 * 1024) + "\"}";
        assertError(api.postJson("api/people", big), 413);
        // Chunked: no Content-Length to refuse it by; the limit holds while reading.
        HttpResponse<String> chunked = api.send(HttpRequest.newBuilder(api.uri("api/people"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertError(chunked, 413);
        HttpResponse<String> small = api.postJson("api/people", "{\"name\":\"Small " + run + "\",\"notes\":\""
                + "x".repeat(1000) + "\"}");
        assertEquals(201, small.statusCode(), "a body under the limit is read as before: " + small.body());
    }

    @Test
    void hugeOrMalformedQueryStringsAndHeadersAre4xxNot500() throws IOException {
        HttpResponse<String> query = api.get("api/people?q=" + "a".repeat(20_000));
        assertTrue(query.statusCode() == 400 || query.statusCode() == 414, query.statusCode() + " " + query.body());
        HttpResponse<String> header = api.send(HttpRequest.newBuilder(api.uri("api/people"))
                .header("X-Padding", "b".repeat(20_000)).GET());
        assertEquals(400, header.statusCode(), header.body());
        // Tomcat answers these from getParameter with an exception; the API must not turn it into a 500.
        String badEscape = raw("api/people?q=%zz");
        assertTrue(badEscape.startsWith("HTTP/1.1 400 ") && badEscape.contains("{\"error\":"), badEscape);
        assertError(api.get("api/people?" + "p=1&".repeat(1500)), 400);
        assertTrue(raw("people?q=%zz").startsWith("HTTP/1.1 400 "), "the pages too");
    }

    /** The response to a GET sent as is: java.net.URI refuses to build a malformed query. */
    private String raw(String path) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + base.getPath() + path + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nAuthorization: " + ItUsers.ADMIN.header() + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> upload(long person, String name, String type, byte[] bytes) {
        return api.upload("api/people/" + person + "/faces", "image", name, type, bytes);
    }

    private static void assertError(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = ApiClient.json(r);
        String error = body.path("error").asText("");
        assertFalse(error.isBlank(), r.body());
        assertFalse(error.contains("\n") || error.contains("Exception"), r.body());
    }
}
