package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Access events over HTTP on the deployed WAR: list, filters, detail, snapshots, CSV and the Server-Sent Events
 * stream with resume. Events are made by the app's own EventRecorder through {@link TestEventsServlet}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsApiIT {

    @ArquillianResource
    private URL base;
    private ApiClient api;
    /** A camera name per test: the data directory outlives one run, so filters isolate this test's events. */
    private String camera;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EventsDeployment.war();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base.toString());
        camera = "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long record(String decision, String time, Long person, String name) {
        Map<String, String> p = new java.util.HashMap<>(Map.of("camera", camera, "decision", decision));
        if (time != null) {
            p.put("time", time);
        }
        if (person != null) {
            p.put("person", person.toString());
        }
        if (name != null) {
            p.put("name", name);
            p.put("score", "0.87");
        }
        return EventsDeployment.record(api, p);
    }

    @Test
    void eventsAreListedNewestFirstAndFilteredAndPaged() {
        JsonNode person = api.createPerson("Eve " + camera, null);
        long personId = person.get("id").asLong();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String decision = i % 2 == 0 ? "GRANTED" : "DENIED";
            ids.add(record(decision, "2026-01-0" + (i + 1) + "T10:00:00Z", i % 2 == 0 ? personId : null,
                    i % 2 == 0 ? "Eve" : null));
        }
        JsonNode all = ApiClient.json(api.get("api/events?camera=" + camera + "&size=4"));
        assertEquals(6, all.get("total").asInt());
        assertEquals(2, all.get("pages").asInt());
        assertEquals(ids.get(5), all.get("items").get(0).get("id").asLong(), "newest first");
        JsonNode second = ApiClient.json(api.get("api/events?camera=" + camera + "&size=4&page=2"));
        assertEquals(2, second.get("items").size());
        assertEquals(ids.get(0), second.get("items").get(1).get("id").asLong(), "the oldest is last");

        assertEquals(3, ApiClient.json(api.get("api/events?camera=" + camera + "&decision=granted")).get("total").asInt());
        assertEquals(3, ApiClient.json(api.get("api/events?camera=" + camera + "&person=" + personId))
                .get("total").asInt());
        JsonNode range = ApiClient.json(api.get("api/events?camera=" + camera
                + "&from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z"));
        assertEquals(2, range.get("total").asInt(), "from inclusive, to exclusive");

        assertError(api.get("api/events?decision=MAYBE"), 400, "decision");
        assertError(api.get("api/events?from=yesterday"), 400, "from");
        assertError(api.get("api/events?person=abc"), 400, "person");
        assertError(api.get("api/events?size=100000"), 400, "size");
        assertEquals(404, api.get("api/events/999999999").statusCode());
    }

    @Test
    void eventDetailLinksItsSnapshotsAndKeepsTheNameWhenThePersonIsDeleted() throws Exception {
        long personId = api.createPerson("Frank " + camera, null).get("id").asLong();
        long id = record("GRANTED", null, personId, "Frank " + camera);
        JsonNode event = ApiClient.json(api.get("api/events/" + id));
        assertEquals(camera, event.get("camera").asText());
        assertEquals(0.87, event.get("score").asDouble(), 1e-9);
        assertEquals("/gatewatch/api/events/" + id + "/frame.jpg", event.get("frameUrl").asText());
        HttpResponse<byte[]> frame = api.getBytes("api/events/" + id + "/frame.jpg");
        assertEquals(200, frame.statusCode());
        assertEquals("image/jpeg", frame.headers().firstValue("Content-Type").orElse(""));
        assertEquals(320, ImageIO.read(new ByteArrayInputStream(frame.body())).getWidth());
        HttpResponse<byte[]> face = api.getBytes("api/events/" + id + "/face.jpg");
        assertEquals(96, ImageIO.read(new ByteArrayInputStream(face.body())).getWidth());

        assertEquals(204, api.delete("api/people/" + personId).statusCode());
        JsonNode kept = ApiClient.json(api.get("api/events/" + id));
        assertTrue(kept.get("personId").isNull(), "the deleted person is unlinked");
        assertEquals("Frank " + camera, kept.get("personName").asText(), "and their name stays");

        long bare = EventsDeployment.record(api, Map.of("camera", camera, "decision", "PASSAGE", "snapshots", "false"));
        assertNull(ApiClient.json(api.get("api/events/" + bare)).get("frameUrl").textValue());
        assertEquals(404, api.getBytes("api/events/" + bare + "/frame.jpg").statusCode());
    }

    @Test
    void csvExportHasTheFilteredRowsWithSafeCells() {
        record("GRANTED", "2026-02-01T08:00:00Z", null, "=HYPERLINK(\"x\"), Jr");
        record("PASSAGE", "2026-02-01T09:00:00Z", null, null);
        HttpResponse<String> csv = api.get("api/events/export.csv?camera=" + camera);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(3, lines.length, csv.body());
        assertTrue(lines[0].startsWith("id,time,camera,decision,person_id,person_name"), lines[0]);
        assertTrue(lines[0].endsWith(",snapshot_error,spoof_score"), "new columns are appended: " + lines[0]);
        assertTrue(lines[1].contains(",PASSAGE,"), "newest first: " + lines[1]);
        assertTrue(lines[2].contains(",\"'=HYPERLINK(\"\"x\"\"), Jr\","), "quoted, and no formula: " + lines[2]);
        assertEquals(2, api.get("api/events/export.csv?camera=" + camera + "&decision=GRANTED").body()
                .split("\r\n").length);
    }

    @Test
    void countsAreTodaysTotalsPerDecision() {
        record("GRANTED", null, null, "A");
        record("GRANTED", null, null, "B");
        record("DENIED", null, null, null);
        record("GRANTED", "2020-01-01T00:00:00Z", null, "old");
        JsonNode counts = ApiClient.json(api.get("api/events/counts?camera=" + camera));
        assertEquals(2, counts.get("GRANTED").asInt());
        assertEquals(1, counts.get("DENIED").asInt());
        assertEquals(0, counts.get("PASSAGE").asInt());
        assertEquals(3, counts.get("total").asInt());
    }

    @Test
    void streamPushesNewEventsAndResumesAfterLastEventId() throws Exception {
        long first;
        try (SseReader sse = SseReader.open(api.uri("api/events/stream"), null)) {
            assertEquals(200, sse.status());
            assertTrue(sse.contentType().startsWith("text/event-stream"), sse.contentType());
            first = record("GRANTED", null, null, "Live");
            SseReader.Event e = nextOfCamera(sse);
            assertEquals(Long.toString(first), e.id());
            JsonNode data = ApiClient.JSON.readTree(e.data());
            assertEquals("GRANTED", data.get("decision").asText());
            assertEquals("Live", data.get("personName").asText());
        }
        // Missed while disconnected: replayed in order on reconnect, then live events follow without a gap.
        long missed1 = record("DENIED", null, null, null);
        long missed2 = record("PASSAGE", null, null, null);
        try (SseReader sse = SseReader.open(api.uri("api/events/stream"), Long.toString(first))) {
            assertEquals(Long.toString(missed1), nextOfCamera(sse).id());
            assertEquals(Long.toString(missed2), nextOfCamera(sse).id());
            long live = record("GRANTED", null, null, "After");
            assertEquals(Long.toString(live), nextOfCamera(sse).id());
        }
        assertError(api.send(java.net.http.HttpRequest.newBuilder(api.uri("api/events/stream"))
                .header("Last-Event-ID", "abc")), 400, "Last-Event-ID");
    }

    /** Skips events of other tests' cameras (the stream carries every event of the app). */
    private SseReader.Event nextOfCamera(SseReader sse) throws Exception {
        while (true) {
            SseReader.Event e = sse.next();
            if (ApiClient.JSON.readTree(e.data()).get("camera").asText().equals(camera)) {
                return e;
            }
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(field, ApiClient.json(r).path("field").asText(null), r.body());
    }
}
