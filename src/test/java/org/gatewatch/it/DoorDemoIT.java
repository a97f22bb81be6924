package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first minute of {@code bin/gatewatch run}: the door camera replays a stranger and then the demo person coming
 * up to it, the demo person is enrolled at first start (once), and a viewer of the door soon sees a GRANTED with the
 * demo person's name and a DENIED, both recorded as events.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DoorDemoIT {

    /** One loop of the door footage is 46 s; a shared CI machine analyses a few frames a second at best. */
    private static final long DECISIONS_WITHIN_SECONDS = 150;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DoorDemoDeployment.war();
    }

    @Test
    void doorViewerSeesTheDemoPersonGrantedAndAStrangerDenied() throws Exception {
        DoorDemoDeployment.demoDoor(List.of("seed", base.toString()), 120);
        DoorDemoDeployment.demoDoor(List.of("seed", base.toString()), 120);
        ApiClient api = new ApiClient(base.toString());
        JsonNode people = ApiClient.json(api.get("api/people?q=Demo"));
        assertEquals(1, people.get("total").asInt(), "seeding twice enrolls the demo person once: " + people);
        ApiClient.json(api.get("api/enrollment?wait=30"));

        Optional<JsonNode> granted = Optional.empty();
        Optional<JsonNode> denied = Optional.empty();
        try (MjpegClient viewer = MjpegClient.open(URI.create(base + "cameras/" + DoorDemoDeployment.DOOR_CAMERA
                + "/video_feed"))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(DECISIONS_WITHIN_SECONDS);
            while ((granted.isEmpty() || denied.isEmpty()) && System.nanoTime() < end) {
                viewer.next();
                JsonNode items = ApiClient.json(api.get("api/events?camera=" + DoorDemoDeployment.DOOR_CAMERA))
                        .get("items");
                for (JsonNode e : items) {
                    String decision = e.get("decision").asText();
                    if (decision.equals("GRANTED") && granted.isEmpty()) {
                        granted = Optional.of(e);
                    } else if (decision.equals("DENIED") && denied.isEmpty()) {
                        denied = Optional.of(e);
                    }
                }
            }
        }
        String events = api.get("api/events?camera=" + DoorDemoDeployment.DOOR_CAMERA).body();
        assertFalse(granted.isEmpty(), "no GRANTED on the door within " + DECISIONS_WITHIN_SECONDS + " s: " + events);
        assertFalse(denied.isEmpty(), "no DENIED on the door within " + DECISIONS_WITHIN_SECONDS + " s: " + events);
        assertEquals(DoorDemoDeployment.DEMO_PERSON, granted.get().get("personName").asText(), events);
        assertEquals("recognized", granted.get().get("rule").asText(), events);
        assertEquals("unknown", denied.get().get("rule").asText(), "the stranger is nobody enrolled: " + events);
    }
}
