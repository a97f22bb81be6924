package org.gatewatch.it.faults;

import static org.gatewatch.it.faults.RecordChecks.await;
import static org.gatewatch.it.faults.RecordChecks.trailCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gatewatch.db.PostgresServer;
import org.gatewatch.it.PostgresDeployment;
import org.gatewatch.it.TestPaths;
import org.gatewatch.it.tomcat.RealTomcat;
import org.gatewatch.outputs.audit.AuditVerifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The data directory's disk full while the gate decides, on the real WAR in a real Tomcat: the data directory
 * (snapshots, journal, audit trail) on a small tmpfs that the test fills, the database on PostgreSQL. Decisions are
 * still recorded in the database with the snapshot error noted, the stream and the pages go on; once space is freed, snapshots are written again and the audit trail holds every
 * decision, its chain intact.
 */
class DiskFullIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void decisionsAreRecordedWithTheErrorNotedWhileTheDiskIsFullAndSnapshotsComeBackWhenSpaceIsFreed()
            throws Exception {
        String url = PostgresServer.emptyDatabase("gatewatch_disk");
        Path setup = Files.createDirectories(TestPaths.workRoot().resolve("it-disk-full-setup"));
        SmallDisk mounted;
        try {
            mounted = SmallDisk.mount(setup.resolve("data"), 24);
        } catch (IllegalStateException e) {
            System.out.println("DiskFullIT skipped: " + e.getMessage());
            Assumptions.abort(e.getMessage());
            return;
        }
        try (SmallDisk disk = mounted) {
            RealTomcat tomcat = RealTomcat.startWithManagerOnly("it-disk-full", TestPaths.tomcat11Home(),
                    config(setup), disk.dir());
            try {
                PostgresDeployment.deploy(tomcat, url);
                await(() -> events(tomcat).stream().anyMatch(e -> e.hasNonNull("frameUrl")),
                        "a decision with its snapshot", tomcat, WAIT);

                disk.fill();
                long fullFrom = lastId(tomcat);
                await(() -> events(tomcat).stream().filter(e -> e.get("id").asLong() > fullFrom
                        && e.hasNonNull("snapshotError")).count() >= 2, "two decisions recorded with the snapshot"
                        + " error noted", tomcat, WAIT);
                // A journal line is small: it may still fit in a page the file already has. What could not be written
                // is counted on the status page; either way the decision reached the database.
                JsonNode journal = status(tomcat).get("journal");
                System.out.printf("%s: disk full: decisions go on with the snapshot error noted; %d not written to"
                        + " the journal (%s)%n", tomcat, journal.get("notWritten").asLong(),
                        journal.get("lastWriteError").asText());
                assertEquals(200, tomcat.get("/gatewatch/cameras/gate/snapshot.jpg").statusCode(), "the stream");
                assertEquals(200, tomcat.get("/gatewatch/events").statusCode(), "the events page");

                disk.free();
                long freedFrom = lastId(tomcat);
                await(() -> events(tomcat).stream().anyMatch(e -> e.get("id").asLong() > freedFrom
                        && e.hasNonNull("frameUrl") && e.get("snapshotError").isNull()), "a decision with its snapshot"
                        + " again", tomcat, WAIT);
                List<Long> stored = events(tomcat).stream().map(e -> e.get("id").asLong()).toList();
                await(() -> trailCounts(tomcat.dataDir()).keySet().containsAll(stored), "every stored decision in"
                        + " the audit trail", tomcat, WAIT);
                AuditVerifier.Result chain = AuditVerifier.verify(tomcat.dataDir(), null);
                assertTrue(chain.ok(), chain.line());
                for (JsonNode e : events(tomcat)) {
                    if (e.hasNonNull("frameUrl")) {
                        assertEquals(200, tomcat.get(e.get("frameUrl").asText()).statusCode(), e.toString());
                    }
                }
            } finally {
                tomcat.stop();
            }
        }
    }

    private static List<JsonNode> events(RealTomcat tomcat) {
        try {
            List<JsonNode> out = new ArrayList<>();
            var r = tomcat.get("/gatewatch/api/events?camera=gate&size=500");
            if (r.statusCode() == 200) {
                JSON.readTree(r.body()).get("items").forEach(out::add);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lastId(RealTomcat tomcat) throws IOException {
        return status(tomcat).get("journal").get("lastId").asLong();
    }

    private static JsonNode status(RealTomcat tomcat) throws IOException {
        return JSON.readTree(tomcat.get("/gatewatch/api/status").body());
    }

    private static Path config(Path setup) throws IOException {
        return Files.writeString(setup.resolve("gatewatch.properties"), String.join("\n",
                "cameras = gate",
                "camera.gate.source = demo",
                "camera.gate.analysis = gate",
                ""));
    }
}
