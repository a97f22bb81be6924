package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.gatewatch.metrics.DashboardQueries;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GET /metrics on the deployed WAR: who may read it, its format, per-camera meters that move with a real viewer, and
 * every metric the shipped Grafana dashboard queries. The test configuration gains pedestrian analysis on the stills
 * camera (stage timers, analysis rate) and a webhook to a closed port (an output with a backlog).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    /** Without spaces: Tomcat writes the parameters of a Content-Type without them. */
    private static final String PROMETHEUS_TEXT = "text/plain;version=0.0.4;charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text;version=1.0.0;charset=utf-8";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        WebArchive war = EventsDeployment.war();
        try {
            Files.writeString(Path.of(System.getProperty("gatewatch.config")), String.join("\n",
                    "camera.stills.analysis = people",
                    "webhook.urls = http://127.0.0.1:" + FreePort.onLoopback() + "/nobody-listens",
                    "webhook.secret = metrics-it-secret-0123456789",
                    ""), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }

    private HttpResponse<String> scrape(String authorization, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "metrics"))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return GateWatchDeployment.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrapeAsAdmin() throws Exception {
        HttpResponse<String> r = scrape(ItUsers.ADMIN.header(), null);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The value of one series, e.g. {@code gatewatch_camera_viewers{camera="demo"}}; fails if it is missing. */
    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " missing from the scrape");
    }

    private static String contentType(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String metricsUser() {
        return ItUsers.basic(TestRealm.METRICS, ItUsers.PASSWORD);
    }

    @Test
    void theAdminAndTheMetricsRoleReadPrometheusText() throws Exception {
        for (String who : new String[] {ItUsers.ADMIN.header(), metricsUser()}) {
            HttpResponse<String> r = scrape(who, null);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(PROMETHEUS_TEXT, contentType(r));
            assertTrue(r.body().contains("# TYPE gatewatch_camera_frames_captured_total counter"), r.body());
            value(r.body(), "gatewatch_camera_frames_captured_total{camera=\"demo\"}");
            assertTrue(r.body().contains("jvm_memory_used_bytes{area=\"heap\""), "JVM memory");
            assertTrue(r.body().contains("jvm_threads_live_threads"), "JVM meters");
            assertTrue(r.body().contains("process_uptime_seconds"), "process meters");
        }
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> r = scrape(metricsUser(), "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(OPEN_METRICS, contentType(r));
        assertTrue(r.body().strip().endsWith("# EOF"), "an OpenMetrics body ends with # EOF");
    }

    @Test
    void viewersAndGuardsAreRefusedAndNobodyIsAskedToLogIn() throws Exception {
        assertEquals(403, scrape(ItUsers.VIEWER.header(), null).statusCode());
        assertEquals(403, scrape(ItUsers.GUARD.header(), null).statusCode());
        HttpResponse<String> anonymous = scrape(null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
    }

    @Test
    void theMetricsRoleReadsNothingElse() throws Exception {
        for (String path : new String[] {"", "api/status", "cameras/demo/snapshot.jpg", "api/events"}) {
            HttpResponse<String> r = GateWatchDeployment.HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", metricsUser()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), path);
        }
        HttpResponse<String> post = GateWatchDeployment.HTTP.send(HttpRequest.newBuilder(URI.create(base + "metrics"))
                .header("Authorization", metricsUser()).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, post.statusCode(), "only GET and HEAD");
    }

    @Test
    void frameCountersRiseAndTheViewerCountsWhileSomeoneWatches() throws Exception {
        // Only this test watches the demo camera; a slow machine may still be warming up the first requests.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                value(scrapeAsAdmin(), "gatewatch_camera_viewers{camera=\"demo\"}") == 0);
        try (MjpegClient viewer = MjpegClient.open(URI.create(base + "cameras/demo/video_feed"))) {
            assertEquals(200, viewer.status());
            viewer.next();
            String first = scrapeAsAdmin();
            assertEquals(1, value(first, "gatewatch_camera_viewers{camera=\"demo\"}"));
            assertEquals(1, value(first, "gatewatch_camera_state{camera=\"demo\",state=\"streaming\"}"));
            assertEquals(0, value(first, "gatewatch_camera_state{camera=\"demo\",state=\"idle\"}"));
            for (int i = 0; i < 10; i++) {
                viewer.next();
            }
            String second = scrapeAsAdmin();
            assertEquals(1, value(second, "gatewatch_camera_viewers{camera=\"demo\"}"));
            for (String counter : new String[] {"captured", "encoded", "sent"}) {
                String series = "gatewatch_camera_frames_" + counter + "_total{camera=\"demo\"}";
                assertTrue(value(second, series) > value(first, series), series + " rises while the viewer reads");
            }
            // Against the frames captured, not the parts received: on a slow start the viewer may have been sent a NO
            // SIGNAL picture, which was never captured. One frame may be between capture and publish at the scrape.
            double timed = value(second, "gatewatch_camera_capture_to_publish_seconds_count{camera=\"demo\"}");
            double captured = value(second, "gatewatch_camera_frames_captured_total{camera=\"demo\"}");
            assertTrue(timed >= 1 && timed >= captured - 1, "every published frame is timed: " + timed + " timed, "
                    + captured + " captured");
            assertTrue(value(second, "gatewatch_viewers") >= 1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                value(scrapeAsAdmin(), "gatewatch_camera_viewers{camera=\"demo\"}") == 0);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        EventsDeployment.record(new ApiClient(base.toString()), Map.of("camera", "demo", "decision", "GRANTED",
                "snapshots", "false"));
        // The stills camera analyses only while it captures, so a viewer starts it; its stage timers exist from the
        // start.
        try (MjpegClient viewer = MjpegClient.open(URI.create(base + "cameras/stills/video_feed"))) {
            viewer.next();
        }
        String scrape = scrapeAsAdmin();
        assertEquals(1, value(scrape, "gatewatch_decisions_total{camera=\"demo\",decision=\"GRANTED\",rule=\"test\"}"));
        assertTrue(value(scrape, "gatewatch_outputs_backlog{output=\"webhook\"}")
                + value(scrape, "gatewatch_outputs_dropped_total{output=\"webhook\"}") >= 1,
                "the event waits for the dead receiver, or was given up");
        value(scrape, "gatewatch_analysis_stage_seconds_count{camera=\"stills\",stage=\"motion\"}");

        Set<String> queried = new TreeSet<>();
        DashboardQueries.expressions(DashboardQueries.load(TestPaths.projectDir()))
                .forEach(e -> queried.addAll(DashboardQueries.namesIn(e)));
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(DashboardQueries.exported(scrape));
        assertTrue(queried.size() > 15, "the dashboard's metrics: " + queried);
        assertTrue(missing.isEmpty(), "the dashboard queries metrics the WAR does not export: " + missing);
    }
}
