package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outsider's attack on a gate, tried for real: enrol your own face and walk in. Without a login, and as a viewer
 * or a guard, creating a person, enrolling a face and deleting a person fail; without a login or as a viewer,
 * reading faces, event snapshots, the CSV and the event stream fail too. The admin does all of it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessAttackIT {

    @ArquillianResource
    private URL base;
    private ApiClient admin;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EventsDeployment.war();
    }

    @BeforeEach
    void client() {
        admin = new ApiClient(base.toString());
    }

    @Test
    void noOneButTheAdminCreatesEnrolsOrDeletes() throws IOException {
        long victim = admin.createPerson("Victim " + run, null).get("id").asLong();
        byte[] face = PeopleApiIT.image("jpg");
        for (ItUsers intruder : new ItUsers[] {null, ItUsers.VIEWER, ItUsers.GUARD}) {
            ApiClient api = admin.as(intruder);
            int refused = intruder == null ? 401 : 403;
            String who = intruder == null ? "without a login" : "as " + intruder;
            assertEquals(refused, api.postJson("api/people", "{\"name\":\"Intruder " + run + "\"}").statusCode(),
                    "create a person " + who);
            assertEquals(refused, api.upload("api/people/" + victim + "/faces", "image", "me.jpg", "image/jpeg", face)
                    .statusCode(), "enrol a face " + who);
            assertEquals(refused, api.putJson("api/people/" + victim, "{\"name\":\"Renamed\",\"active\":true}")
                    .statusCode(), "change a person " + who);
            assertEquals(refused, api.delete("api/people/" + victim).statusCode(), "delete a person " + who);
        }
        assertEquals(0, ApiClient.json(admin.get("api/people?q=Intruder%20" + run)).get("total").asInt(),
                "no intruder was created");
        assertEquals(0, ApiClient.json(admin.get("api/people/" + victim + "/faces")).size(), "no face was enrolled");

        HttpResponse<String> enrolled = admin.upload("api/people/" + victim + "/faces", "image", "me.jpg",
                "image/jpeg", face);
        assertEquals(201, enrolled.statusCode(), enrolled.body());
        assertEquals(204, admin.delete("api/people/" + victim).statusCode(), "the admin deletes");
    }

    @Test
    void facesSnapshotsCsvAndEventStreamAreForGuardsAndAdmins() throws IOException {
        long person = admin.createPerson("Seen " + run, null).get("id").asLong();
        JsonNode face = ApiClient.json(admin.upload("api/people/" + person + "/faces", "image", "me.jpg", "image/jpeg",
                PeopleApiIT.image("jpg")));
        String faceUrl = face.get("url").asText().substring("/gatewatch/".length());
        long event = EventsDeployment.record(admin, Map.of("camera", "demo", "decision", "GRANTED",
                "person", Long.toString(person), "name", "Seen " + run, "score", "0.9"));
        String[] secrets = {faceUrl, "api/events/" + event + "/frame.jpg", "api/events/" + event + "/face.jpg",
            "api/events/export.csv", "api/events/" + event};
        for (String url : secrets) {
            assertEquals(401, admin.as(null).getBytes(url).statusCode(), url + " without a login");
            assertEquals(403, admin.as(ItUsers.VIEWER).getBytes(url).statusCode(), url + " as a viewer");
            assertEquals(200, admin.as(ItUsers.GUARD).getBytes(url).statusCode(), url + " as a guard");
            assertEquals(200, admin.getBytes(url).statusCode(), url + " as the admin");
        }
        assertEquals(401, eventStream(null), "the event stream without a login");
        assertEquals(403, eventStream(ItUsers.VIEWER), "the event stream as a viewer");
        assertEquals(200, eventStream(ItUsers.GUARD), "the event stream as a guard");
        assertTrue(admin.get("api/status").body().contains("\"cameras\""), "the status stays the viewer's");
    }

    private int eventStream(ItUsers user) throws IOException {
        HttpURLConnection c = (HttpURLConnection) admin.uri("api/events/stream").toURL().openConnection();
        c.setRequestProperty("Accept", "text/event-stream");
        if (user != null) {
            c.setRequestProperty("Authorization", user.header());
        }
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
