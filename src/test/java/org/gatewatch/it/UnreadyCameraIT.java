package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /readyz when an always-on camera cannot stream: 503 with a line that names the camera and nothing else. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UnreadyCameraIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HealthDeployment.war(false);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    @Test
    void readyzIs503NamingTheCameraButNotItsSource() throws Exception {
        // Wait for the source to have failed, so the answer is about a failing camera, not one still starting.
        await().atMost(Duration.ofSeconds(30)).until(() -> Set.of("reconnecting", "error").contains(
                GateWatchDeployment.cameraStatus(base.toString(), HealthDeployment.DOOR).get("state").asText()));
        String lastError = GateWatchDeployment.cameraStatus(base.toString(), HealthDeployment.DOOR)
                .get("lastError").asText();
        String folder = HealthDeployment.EMPTY_FOLDER.toAbsolutePath().toString();
        assertTrue(lastError.contains(folder), "the status API (for operators) says why: " + lastError);

        HttpResponse<String> r = HealthDeployment.probe(uri("readyz"));
        assertEquals(503, r.statusCode());
        assertEquals("camera door not streaming\n", r.body());
        assertFalse(r.body().contains("/"), "no path or URL: " + r.body());
        assertFalse(r.body().contains(folder));
        assertFalse(r.body().toLowerCase(java.util.Locale.ROOT).contains("exception"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void healthzStaysOkWhileACameraFails() throws Exception {
        HttpResponse<String> r = HealthDeployment.probe(uri("healthz"));
        assertEquals(200, r.statusCode());
        assertEquals("ok\n", r.body());
    }
}
