package org.gatewatch.it.faults;

import static org.gatewatch.it.faults.RecordChecks.await;
import static org.gatewatch.it.faults.RecordChecks.journaledIds;
import static org.gatewatch.it.faults.RecordChecks.storedIds;
import static org.gatewatch.it.faults.RecordChecks.trailCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatewatch.db.PostgresServer;
import org.gatewatch.it.PostgresDeployment;
import org.gatewatch.it.TestPaths;
import org.gatewatch.it.tomcat.RealTomcat;
import org.gatewatch.outputs.audit.AuditVerifier;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped while the gate makes decisions, on the real WAR in a real Tomcat: decisions go on being made and
 * journaled, and the status says the database is behind; once PostgreSQL is back, every one of them is in the
 * database once, in order, with its snapshot, and in the audit trail, whose chain holds. The outage lasts 30 s
 * ({@code -Dgatewatch.it.outageSeconds}); {@code bin/gatewatch fault-outages} runs it longer.
 */
class DatabaseOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("gatewatch.it.outageSeconds", 30));
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void decisionsMadeWhilePostgresIsStoppedAreAllStoredOnceInOrderWhenItIsBack() throws Exception {
        String url = PostgresServer.emptyDatabase("gatewatch_outage");
        RealTomcat tomcat = RealTomcat.startWithManagerOnly("it-db-outage", TestPaths.tomcat11Home(), config());
        try {
            PostgresDeployment.deploy(tomcat, url);
            await(() -> storedIds(tomcat, "gate").size() >= 2, "two decisions stored", tomcat, WAIT);

            long before = lastId(tomcat);
            PostgresServer.stop();
            long stoppedAt = System.nanoTime();
            long lagSeen = 0;
            try {
                while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
                    lagSeen = Math.max(lagSeen, storeBehind(tomcat));
                    Thread.sleep(500);
                }
            } finally {
                PostgresServer.start();
            }
            long during = lastId(tomcat) - before;
            System.out.printf("%s: %d decisions made during the %d s outage; the database's reader was %d behind at"
                    + " most%n", tomcat, during, OUTAGE.toSeconds(), lagSeen);
            assertTrue(during >= 1, "decisions go on while the database is down");
            assertTrue(lagSeen >= 1, "the status shows the database's reader behind while it is down");

            long drainStart = System.nanoTime();
            long last = lastId(tomcat);
            await(() -> storeBehind(tomcat) == 0 && storedIds(tomcat, "gate").contains(last), "the database caught"
                    + " up", tomcat, WAIT);
            System.out.printf("%s: the database had every decision %.1f s after PostgreSQL came back%n", tomcat,
                    (System.nanoTime() - drainStart) / 1e9);

            Set<Long> journaled = journaledIds(tomcat.dataDir());
            Set<Long> stored = storedIds(tomcat, "gate");
            assertTrue(stored.containsAll(journaled), "missing from the database: " + minus(journaled, stored));
            assertInOrderWithSnapshots(tomcat);
            await(() -> trailCounts(tomcat.dataDir()).keySet().containsAll(journaled), "every decision in the"
                    + " trail", tomcat, WAIT);
            Map<Long, Long> trail = trailCounts(tomcat.dataDir());
            assertTrue(journaled.stream().allMatch(id -> trail.get(id) == 1), "each decision once in the trail");
            AuditVerifier.Result chain = AuditVerifier.verify(tomcat.dataDir(), null);
            assertTrue(chain.ok(), chain.line());
        } finally {
            PostgresServer.start();
            tomcat.stop();
        }
    }

    /** By id the events are in the order they happened, and each snapshot the row names is served. */
    private static void assertInOrderWithSnapshots(RealTomcat tomcat) throws IOException {
        JsonNode items = JSON.readTree(tomcat.get("/gatewatch/api/events?camera=gate&size=500").body()).get("items");
        List<JsonNode> byId = new ArrayList<>();
        items.forEach(byId::add);
        byId.sort((a, b) -> Long.compare(a.get("id").asLong(), b.get("id").asLong()));
        for (int i = 1; i < byId.size(); i++) {
            Instant prev = Instant.parse(byId.get(i - 1).get("time").asText());
            Instant cur = Instant.parse(byId.get(i).get("time").asText());
            assertTrue(!cur.isBefore(prev), "event " + byId.get(i).get("id") + " happened before the one before it");
        }
        for (JsonNode e : byId) {
            if (e.hasNonNull("frameUrl")) {
                assertEquals(200, tomcat.get(e.get("frameUrl").asText()).statusCode(), e.toString());
            }
        }
    }

    private static long lastId(RealTomcat tomcat) throws IOException {
        return status(tomcat).get("journal").get("lastId").asLong();
    }

    /** How many decisions the database's journal reader has still to write; -1 while the status cannot say. */
    private static long storeBehind(RealTomcat tomcat) {
        try {
            for (JsonNode r : status(tomcat).get("journal").get("readers")) {
                if (r.get("name").asText().equals("store")) {
                    return r.get("behind").asLong();
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static JsonNode status(RealTomcat tomcat) throws IOException {
        return JSON.readTree(tomcat.get("/gatewatch/api/status").body());
    }

    private static List<Long> minus(Set<Long> a, Set<Long> b) {
        return a.stream().filter(id -> !b.contains(id)).toList();
    }

    private static Path config() throws IOException {
        Path dir = Files.createDirectories(TestPaths.workRoot().resolve("it-db-outage-config"));
        return Files.writeString(dir.resolve("gatewatch.properties"), String.join("\n",
                "cameras = gate",
                "camera.gate.source = demo",
                "camera.gate.analysis = gate",
                ""));
    }
}
