package org.gatewatch.it.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gatewatch.it.TestPaths;
import org.gatewatch.it.tomcat.RealTomcat;
import org.gatewatch.outputs.audit.AuditVerifier;
import org.junit.jupiter.api.Test;

/**
 * Tomcat killed with {@code kill -9} right after decisions were made, on the real WAR in a real Tomcat: after a
 * restart every decision the journal held is in the database, in the audit trail and at the webhook's receiver,
 * once each, signed, and the trail's chain holds.
 */
class CrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "crash-test-secret-0123";
    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("gatewatch.it.crashWaitSeconds", 120));

    @Test
    void everyDecisionJournaledBeforeAKill9IsStoredTrailedAndDeliveredOnceAfterTheRestart() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            RealTomcat tomcat = RealTomcat.startDropIn("it-crash", config(receiver.url()));
            try {
                // The gate on the demo clip decides a PASSAGE for each walker whose track ends. The door's receiver
                // is down meanwhile, so decisions wait for it when the kill comes.
                receiver.down();
                await(() -> storedIds(tomcat).size() >= 3, "three decisions made", tomcat);
                tomcat.kill9();
                receiver.up();
                Set<Long> journaled = journaledIds(tomcat.dataDir());
                System.out.printf("%s: killed with %d decisions journaled, none taken by the receiver (%d POSTs"
                        + " refused)%n", tomcat, journaled.size(), receiver.posts().size());
                assertTrue(journaled.size() >= 3, "the journal holds what was decided: " + journaled);

                tomcat.restart();
                await(() -> storedIds(tomcat).containsAll(journaled), "every journaled decision in the database",
                        tomcat);
                await(() -> receivedIds(receiver).containsAll(journaled), "every journaled decision at the receiver",
                        tomcat);
                await(() -> trailCounts(tomcat.dataDir()).keySet().containsAll(journaled),
                        "every journaled decision in the audit trail", tomcat);

                Map<Long, Long> trail = trailCounts(tomcat.dataDir());
                List<Long> twiceInTrail = journaled.stream().filter(id -> trail.get(id) > 1).toList();
                assertTrue(twiceInTrail.isEmpty(), "decisions twice in the trail: " + twiceInTrail);
                assertTrue(receiver.posts().stream().allMatch(WebhookReceiver.Post::trusted),
                        "every POST signed over a fresh timestamp and the body");
                long duplicates = receiver.accepted().size() - receivedIds(receiver).size();
                System.out.printf("%s: after the restart all %d in the database, the trail and at the receiver;"
                        + " %d POST(s) repeated an id the receiver had (dropped by id)%n", tomcat, journaled.size(),
                        duplicates);
                AuditVerifier.Result chain = AuditVerifier.verify(tomcat.dataDir(), null);
                assertTrue(chain.ok(), chain.line());
            } finally {
                tomcat.stop();
            }
        }
    }

    private static Path config(String webhook) throws IOException {
        Path dir = Files.createDirectories(TestPaths.workRoot().resolve("it-crash-config"));
        return Files.writeString(dir.resolve("gatewatch.properties"), String.join("\n",
                "cameras = gate",
                "camera.gate.source = demo",
                "camera.gate.analysis = gate",
                "webhook.urls = " + webhook,
                "webhook.secret = " + SECRET,
                "webhook.retryBaseMillis = 200",
                ""));
    }

    /** What the journal's files hold: the truth of what was decided before the kill. */
    private static Set<Long> journaledIds(Path dataDir) throws IOException {
        Set<Long> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("journal"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    // A line the kill cut short is no decision: the journal removes it when it opens.
                    if (line.endsWith("}")) {
                        ids.add(JSON.readTree(line).get("id").asLong());
                    }
                }
            }
        }
        return ids;
    }

    private static Set<Long> storedIds(RealTomcat tomcat) {
        var r = tomcat.get("/gatewatch/api/events?camera=gate&size=500");
        if (r.statusCode() != 200) {
            return Set.of();
        }
        try {
            Set<Long> ids = new TreeSet<>();
            JSON.readTree(r.body()).get("items").forEach(e -> ids.add(e.get("id").asLong()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Long> receivedIds(WebhookReceiver receiver) {
        return receiver.accepted().stream().map(WebhookReceiver.Post::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** How many decision records of each event id the trail holds. */
    private static Map<Long, Long> trailCounts(Path dataDir) {
        Map<Long, Long> counts = new TreeMap<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("audit"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.contains("\"type\":\"decision\"")) {
                        counts.merge(JSON.readTree(line).get("event").get("id").asLong(), 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    private static void await(Supplier<Boolean> done, String what, RealTomcat tomcat) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.get()) {
            assertTrue(System.nanoTime() < deadline, () -> tomcat + ": not within " + WAIT.toSeconds() + " s: " + what
                    + "\n" + tomcat.log().tail(40));
            Thread.sleep(250);
        }
    }
}
