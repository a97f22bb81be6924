package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.gatewatch.db.PostgresServer;
import org.gatewatch.it.tomcat.RealTomcat;
import org.junit.jupiter.api.Test;

/**
 * /readyz with PostgreSQL through JNDI (conf/tomcat/gatewatch-postgresql.xml) reached through a relay that the test
 * freezes, as when the database host hangs: the probe still answers within 2 s, 503 "database unreachable", and is
 * ready again once the database answers. The shared PostgreSQL server itself is never stopped.
 */
class PostgresReadinessIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readyzAnswersWithinTwoSecondsWhileTheDatabaseHangs() throws Exception {
        String url = PostgresServer.emptyDatabase("gatewatch_ready");
        try (PausableTcpProxy relay = new PausableTcpProxy(5432)) {
            String viaRelay = url.replace("127.0.0.1:5432/", "127.0.0.1:" + relay.port() + "/");
            RealTomcat tomcat = RealTomcat.startWithManagerOnly("it-postgres-ready", TestPaths.tomcat11Home());
            try {
                String descriptor = PostgresDeployment.deploy(tomcat, viaRelay);
                assertTrue(descriptor.contains(viaRelay), descriptor);

                // The default configuration has no always-on camera: readiness is the database's alone.
                await().atMost(Duration.ofSeconds(20)).until(() -> readyz(tomcat).statusCode() == 200);
                assertEquals("ready\n", readyz(tomcat).body());

                relay.pause();
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> r = readyz(tomcat);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(503, r.statusCode(), r.body());
                    assertEquals("database unreachable\n", r.body());
                    assertTrue(millis < 2_000, "answered in " + millis + " ms while the database hangs");
                }
                assertEquals(200, tomcat.get("/gatewatch/healthz").statusCode(), "alive, only not ready");

                relay.resume();
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                        .until(() -> readyz(tomcat).statusCode() == 200);
                tomcat.manager().undeploy("/gatewatch");
                Thread.sleep(1000);
                List<String> bad = tomcat.log().badLines();
                assertTrue(bad.isEmpty(), () -> "the database check's thread or pool was left behind:\n"
                        + String.join("\n", bad));
            } finally {
                relay.resume();
                tomcat.stop();
            }
        }
    }

    private static HttpResponse<String> readyz(RealTomcat tomcat) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(tomcat.url("/gatewatch/readyz")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
