package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /healthz and /readyz without a login, on a deployed WAR whose always-on camera streams. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthProbesIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HealthDeployment.war(true);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    @Test
    void healthzSaysOkInPlainTextNeverCached() throws Exception {
        HttpResponse<String> r = HealthDeployment.probe(uri("healthz"));
        assertEquals(200, r.statusCode());
        assertEquals("ok\n", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void readyzIsReadyOnceTheAlwaysOnCameraStreamsWhateverAnIdleCameraCouldDo() throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> HealthDeployment.probe(uri("readyz")).statusCode() == 200);
        long start = System.nanoTime();
        HttpResponse<String> r = HealthDeployment.probe(uri("readyz"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("ready\n", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(millis < 1_000, "a ready answer is quick: " + millis + " ms");
        assertEquals("streaming", GateWatchDeployment.cameraStatus(base.toString(), HealthDeployment.DOOR)
                .get("state").asText());
        assertEquals("idle", GateWatchDeployment.cameraStatus(base.toString(), "spare").get("state").asText(),
                "the on-demand camera, whose folder is empty, has no viewer and does not count");
    }

    @Test
    void probesAnswerHeadAndRefuseWrites() throws Exception {
        assertEquals(200, GateWatchDeployment.HTTP.send(java.net.http.HttpRequest.newBuilder(uri("healthz"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "HEAD works as supervisors may use it");
        assertEquals(405, GateWatchDeployment.HTTP.send(java.net.http.HttpRequest.newBuilder(uri("readyz"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }
}
