package org.gatewatch.it.faults;

import static org.gatewatch.it.faults.RecordChecks.await;
import static org.gatewatch.it.faults.RecordChecks.journaledIds;
import static org.gatewatch.it.faults.RecordChecks.receivedIds;
import static org.gatewatch.it.faults.RecordChecks.storedIds;
import static org.gatewatch.it.faults.RecordChecks.trailCounts;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final String SECRET = "crash-test-secret-0123";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void everyDecisionJournaledBeforeAKill9IsStoredTrailedAndDeliveredOnceAfterTheRestart() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            RealTomcat tomcat = RealTomcat.startDropIn("it-crash", config(receiver.url()));
            try {
                // The gate on the demo clip decides a PASSAGE for each walker whose track ends. The door's receiver
                // is down meanwhile, so decisions wait for it when the kill comes.
                receiver.down();
                await(() -> storedIds(tomcat, "gate").size() >= 3, "three decisions made", tomcat, WAIT);
                tomcat.kill9();
                receiver.up();
                Set<Long> journaled = journaledIds(tomcat.dataDir());
                System.out.printf("%s: killed with %d decisions journaled, none taken by the receiver (%d POSTs"
                        + " refused)%n", tomcat, journaled.size(), receiver.posts().size());
                assertTrue(journaled.size() >= 3, "the journal holds what was decided: " + journaled);

                tomcat.restart();
                await(() -> storedIds(tomcat, "gate").containsAll(journaled), "every journaled decision in the"
                        + " database", tomcat, WAIT);
                await(() -> receivedIds(receiver).containsAll(journaled), "every journaled decision at the receiver",
                        tomcat, WAIT);
                await(() -> trailCounts(tomcat.dataDir()).keySet().containsAll(journaled), "every journaled decision"
                        + " in the audit trail", tomcat, WAIT);

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
}
