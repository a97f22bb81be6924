package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gatewatch.outputs.audit.AuditVerifier;
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
 * The gate end to end: a face enrolled from an uploaded photo is recognised when the same man's frames from another
 * webcam session come through a camera, and the walk-through is GRANTED with its snapshots and a liveness score;
 * a camera that enforces liveness denies the same face when it fails the check; a stranger is DENIED.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GateRecognitionIT {

    @ArquillianResource
    private URL base;
    private ApiClient api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateDeployment.war();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base.toString());
    }

    /** The enrolled man's person id; both recognition tests share him, whichever runs first enrolls him. */
    private static Long capId;

    @Test
    void enrolledPersonIsGrantedWhenAnotherImageOfThemComesThroughTheCamera() throws Exception {
        long id = enrollCap();
        JsonNode event = watchUntilDecision(GateDeployment.GATE_CAMERA);
        assertEquals("GRANTED", event.get("decision").asText(), event.toString());
        assertEquals(id, event.get("personId").asLong());
        assertEquals("Cap", event.get("personName").asText());
        assertEquals("recognized", event.get("rule").asText());
        assertTrue(event.get("score").asDouble() >= 0.5, event.toString());
        assertTrue(event.get("spoofScore").isNumber(), "the face that granted access has a liveness score: " + event);
        assertSnapshot(event.get("frameUrl").asText());
        assertSnapshot(event.get("faceUrl").asText());
    }

    @Test
    void enforcedLivenessDeniesAFaceThatFailsTheCheck() throws Exception {
        long id = enrollCap();
        JsonNode event = watchUntilDecision(GateDeployment.STRICT_CAMERA);
        assertEquals("DENIED", event.get("decision").asText(), event.toString());
        assertEquals("liveness", event.get("rule").asText());
        assertEquals(id, event.get("personId").asLong(), "the event says whose face failed");
        assertTrue(event.get("spoofScore").asDouble() > 0, event.toString());
    }

    private long enrollCap() throws Exception {
        if (capId != null) {
            return capId;
        }
        HttpResponse<String> created = api.postJson("api/people", "{\"name\":\"Cap\"}");
        assertEquals(201, created.statusCode(), created.body());
        long id = ApiClient.json(created).get("id").asLong();
        HttpResponse<String> up = api.upload("api/people/" + id + "/faces", "image", "cap.jpg", "image/jpeg",
                FaceBench.bytes("gallery/cap/cap12_003.jpg"));
        assertEquals(201, up.statusCode(), up.body());
        JsonNode enrollment = ApiClient.json(api.get("api/enrollment?wait=30"));
        assertTrue(enrollment.toString().contains("\"" + id + "\""), "enrolled before he walks up: " + enrollment);
        assertEquals(GateDeployment.FACE_THRESHOLD, enrollment.get("threshold").asDouble(), "faces.threshold applies");
        GateDeployment.capWalksUp();
        capId = id;
        return id;
    }

    @Test
    void strangerIsDenied() throws Exception {
        JsonNode event = watchUntilDecision(GateDeployment.STRANGER_CAMERA);
        assertEquals("DENIED", event.get("decision").asText(), event.toString());
        assertEquals("unknown", event.get("rule").asText());
        assertTrue(event.get("personId").isNull(), event.toString());
        assertTrue(event.get("spoofScore").isNull(), "only faces that could grant access are scored: " + event);
        assertSnapshot(event.get("faceUrl").asText());
        assertInTheAuditTrail(event);
    }

    /** A decision is also a record of the hash-chained audit trail, whose chain holds. */
    private static void assertInTheAuditTrail(JsonNode event) throws Exception {
        Path audit = GateDeployment.WORK.resolve("home").resolve("audit");
        String record = "\"type\":\"decision\",\"event\":{\"id\":" + event.get("id").asLong() + ",";
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Stream<Path> files = Files.list(audit)) {
                return files.filter(f -> f.toString().endsWith(".jsonl")).anyMatch(f -> read(f).contains(record));
            }
        });
        AuditVerifier.Result chain = AuditVerifier.verify(GateDeployment.WORK.resolve("home"), null);
        assertTrue(chain.ok(), chain.line());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Waits until the camera (always on, as every gate camera is) has granted or denied someone. A gate camera whose
     * folder is still empty records CAMERA_DOWN meanwhile; that is no decision about a person.
     */
    private JsonNode watchUntilDecision(String camera) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            JsonNode items = ApiClient.json(api.get("api/events?camera=" + camera)).get("items");
            for (JsonNode e : items) {
                String decision = e.get("decision").asText();
                if (decision.equals("GRANTED") || decision.equals("DENIED")) {
                    return e;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("camera " + camera + " decided nothing within 60 s: "
                + api.get("api/events?camera=" + camera).body());
    }

    private void assertSnapshot(String url) {
        HttpResponse<byte[]> r = api.getBytes(url.replaceFirst("^/gatewatch/", ""));
        assertEquals(200, r.statusCode(), url);
        assertEquals((byte) 0xFF, r.body()[0], "a JPEG");
        assertEquals((byte) 0xD8, r.body()[1], "a JPEG");
    }
}
