package org.gatewatch.outputs.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chained trail: what a change of one byte, a removed record, a crash mid-write and retention do to it. */
class AuditTrailTest {

    @TempDir
    Path dataDir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));

    private static Map<String, Object> decision(int i) {
        return Map.of("event", i, "camera", "door", "decision", i % 2 == 0 ? "GRANTED" : "DENIED");
    }

    private AuditVerifier.Result verify() throws IOException {
        return AuditVerifier.verify(dataDir, null);
    }

    private Path today() {
        return AuditFiles.dayFile(AuditFiles.folder(dataDir), clock.instant());
    }

    @Test
    void recordsChainAcrossARestartAndVerify() throws IOException {
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            for (int i = 0; i < 5; i++) {
                trail.append("decision", decision(i));
            }
        }
        long next;
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            next = trail.append("change", Map.of("user", "admin", "method", "POST"));
        }
        // start checkpoint, 5 decisions, stop checkpoint; start checkpoint, the change, stop checkpoint
        assertEquals(9, next);
        assertEquals("ok 10 records", verify().line());
    }

    @Test
    void oneChangedByteNamesItsRecord() throws IOException {
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            for (int i = 0; i < 10; i++) {
                trail.append("decision", decision(i));
            }
        }
        List<String> lines = Files.readAllLines(today());
        String seventh = lines.get(6);
        lines.set(6, seventh.replace("\"DENIED\"", "\"DENIEd\"").replace("\"GRANTED\"", "\"GRANTEd\""));
        Files.write(today(), lines);
        AuditVerifier.Result result = verify();
        assertFalse(result.ok());
        assertTrue(result.line().startsWith("broken at record 7 (" + today().getFileName() + " line 7): its content"),
                result.line());
    }

    @Test
    void aRemovedRecordBreaksTheChainAtTheNextOne() throws IOException {
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            for (int i = 0; i < 4; i++) {
                trail.append("decision", decision(i));
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(today()));
        lines.remove(2);
        Files.write(today(), lines);
        assertTrue(verify().line().startsWith("broken at record 3 (" + today().getFileName() + " line 3): does not"
                + " follow"), verify().line());
    }

    @Test
    void aRecordCutShortByACrashIsDroppedAtTheNextStart() throws IOException {
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            trail.append("decision", decision(1));
        }
        Files.writeString(today(), "{\"seq\":4,\"time\":\"2026-12-01T08:00:00Z\",\"ty",
                StandardOpenOption.APPEND);
        assertFalse(verify().ok(), "the torn record is not a record");
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            assertEquals(5, trail.append("decision", decision(2)));
        }
        assertEquals("ok 6 records", verify().line());
    }

    @Test
    void retentionRemovesOldDaysWithASignedRecordAndTheChainStillVerifies() throws IOException {
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            for (int day = 0; day < 4; day++) {
                trail.append("decision", decision(day));
                clock.advance(Duration.ofDays(1));
            }
            assertEquals(2, trail.prune(clock.instant().minus(Duration.ofDays(2))));
        }
        assertEquals(3, AuditFiles.days(AuditFiles.folder(dataDir)).size());
        AuditVerifier.Result result = verify();
        assertTrue(result.ok(), result.line());

        Path newest = AuditFiles.dayFile(AuditFiles.folder(dataDir), clock.instant());
        String forged = Files.readString(newest).replaceFirst("\"sig\":\"[0-9a-f]", "\"sig\":\"x");
        Files.writeString(newest, forged);
        assertFalse(verify().ok(), "an altered signature");
    }

    @Test
    void oldDaysDeletedByHandAreNoticed() throws IOException {
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            trail.append("decision", decision(1));
            clock.advance(Duration.ofDays(1));
            trail.append("decision", decision(2));
        }
        Files.delete(AuditFiles.days(AuditFiles.folder(dataDir)).get(0));
        assertTrue(verify().line().contains("were removed without a signed pruning record"), verify().line());
    }

    @Test
    void aTrailCutShortIsNoticedAgainstAHeadKeptElsewhere() throws IOException {
        String kept;
        try (AuditTrail trail = AuditTrail.open(dataDir, clock)) {
            trail.append("decision", decision(1));
            kept = trail.headLine().replaceAll(".*head=", "");
            trail.append("decision", decision(2));
        }
        assertTrue(AuditVerifier.verify(dataDir, kept).ok());
        List<String> lines = Files.readAllLines(today(), StandardCharsets.UTF_8);
        Files.write(today(), lines.subList(0, 1));
        assertTrue(verify().ok(), "a shorter chain is still a chain");
        assertTrue(AuditVerifier.verify(dataDir, kept).line().contains("is not in the trail"));
    }

    /** A clock the test moves by days. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
