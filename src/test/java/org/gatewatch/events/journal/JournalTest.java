package org.gatewatch.events.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal and its readers on real files: what survives a restart and a crash, and who waits for whom. */
class JournalTest {

    private static final Backoff FAST = new Backoff(10, 50);
    private Path dir;

    @BeforeEach
    void folder() throws IOException {
        dir = Files.createDirectories(Path.of("target", "it-work", "journal-" + UUID.randomUUID()));
    }

    private static AccessEvent append(Journal journal, String camera) {
        return journal.append(id -> new AccessEvent(id, camera, Instant.parse("2026-03-02T08:00:00Z").plusSeconds(id),
                Decision.DENIED, null, "Ada \"the\" first\n", 0.5, "face", 9L, "a/b-frame.jpg", null,
                "face snapshot not written: disk full", 0.25));
    }

    @Test
    void decisionsSurviveARestartWithTheirFieldsAndIdsGoOnWhereTheyStopped() {
        List<AccessEvent> made;
        try (Journal journal = Journal.open(dir, 0)) {
            made = List.of(append(journal, "north"), append(journal, "south"), append(journal, "north"));
        }
        assertEquals(List.of(1L, 2L, 3L), made.stream().map(AccessEvent::id).toList());
        try (Journal again = Journal.open(dir, 0)) {
            assertEquals(made, again.after(0, 10), "read back from disk, every field");
            assertEquals(List.of(made.get(2)), again.after(2, 10));
            assertEquals(4, append(again, "east").id());
        }
    }

    @Test
    void idsStartAboveWhatTheDatabaseHoldsAlready() {
        try (Journal journal = Journal.open(dir, 41)) {
            assertEquals(42, append(journal, "gate").id());
        }
    }

    @Test
    void aLineACrashCutShortIsRemovedAndTheNextIdFollowsTheLastWholeLine() throws IOException {
        try (Journal journal = Journal.open(dir, 0)) {
            append(journal, "gate");
            append(journal, "gate");
        }
        Path file = onlyFile();
        Files.writeString(file, "{\"id\":3,\"camera\":\"ga", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Journal again = Journal.open(dir, 0)) {
            assertEquals(2, again.lastId());
            assertEquals(3, append(again, "gate").id());
            assertEquals(List.of(1L, 2L, 3L), ids(again.after(0, 10)));
        }
        assertTrue(Files.readString(file).endsWith("}\n"), "only whole lines are left");
    }

    @Test
    void aReaderDeliversInOrderAndResumesAfterARestartWhereItStopped() {
        List<Long> got = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(dir, 0)) {
            append(journal, "gate");
            try (JournalReader reader = reader(journal, "db", e -> got.add(e.id()))) {
                append(journal, "gate");
                append(journal, "gate");
                await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
            }
            append(journal, "gate");
        }
        assertEquals(List.of(2L, 3L), got, "a new reader starts after what was there; then every decision in order");
        try (Journal again = Journal.open(dir, 0);
             JournalReader reader = reader(again, "db", e -> got.add(e.id()))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 3);
            assertEquals(List.of(2L, 3L, 4L), got, "the one made while it was stopped, once");
        }
    }

    /** An embedded database may lose its last commits in a crash: the store reader starts from what it holds. */
    @Test
    void aReaderStartedBelowItsCursorDeliversAgainFromThere() {
        List<Long> got = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(dir, 0)) {
            try (JournalReader reader = reader(journal, "db", e -> got.add(e.id()))) {
                for (int i = 0; i < 4; i++) {
                    append(journal, "gate");
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 4);
            }
            try (JournalReader again = new JournalReader("db", journal, e -> got.add(e.id()), FAST,
                    UnaryOperator.identity()).start(2)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 6);
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 3L, 4L), got);
    }

    @Test
    void aReaderThatFailsHoldsBackOnlyItselfAndCatchesUpInOrder() {
        AtomicBoolean down = new AtomicBoolean(true);
        List<Long> slow = new CopyOnWriteArrayList<>();
        List<Long> fast = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(dir, 0);
             JournalReader database = reader(journal, "db", e -> {
                 if (down.get()) {
                     throw new IOException("connection refused");
                 }
                 slow.add(e.id());
             });
             JournalReader trail = reader(journal, "trail", e -> fast.add(e.id()))) {
            for (int i = 0; i < 5; i++) {
                append(journal, "gate");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> fast.size() == 5);
            assertTrue(slow.isEmpty());
            assertEquals(5, database.behind());
            assertTrue(database.lastError().contains("connection refused"), database.lastError());
            down.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> slow.size() == 5);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), slow);
            assertEquals(0, database.behind());
        }
    }

    @Test
    void aDecisionItsReceiverCanNeverTakeIsSkippedAndCounted() {
        List<Long> got = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(dir, 0);
             JournalReader reader = reader(journal, "db", e -> {
                 if (e.id() == 2) {
                     throw new JournalDelivery.Refused("value too long", new IllegalArgumentException());
                 }
                 got.add(e.id());
             })) {
            for (int i = 0; i < 3; i++) {
                append(journal, "gate");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
            assertEquals(List.of(1L, 3L), got);
            assertEquals(1, reader.refused());
        }
    }

    @Test
    void filesAreDeletedOnceEveryReaderIsPastThemAndReadersCatchUpFromDisk() throws IOException {
        AtomicBoolean down = new AtomicBoolean(true);
        List<Long> got = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(dir, 0, 2000);
             JournalReader reader = reader(journal, "db", e -> {
                 if (down.get()) {
                     throw new IOException("away");
                 }
                 got.add(e.id());
             })) {
            for (int i = 0; i < Journal.RECENT + 20; i++) {
                append(journal, "gate");
            }
            long files = files();
            assertTrue(files > 10, "many small files: " + files);
            down.set(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> got.size() == Journal.RECENT + 20);
            assertEquals(1L, got.get(0), "the oldest, no longer in memory, read from disk");
            await().atMost(Duration.ofSeconds(5)).until(() -> files() <= 2);
        }
    }

    private JournalReader reader(Journal journal, String name, JournalDelivery delivery) {
        return new JournalReader(name, journal, delivery, FAST, UnaryOperator.identity()).start();
    }

    private Path onlyFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jsonl = files.filter(f -> f.toString().endsWith(".jsonl")).toList();
            assertEquals(1, jsonl.size(), jsonl.toString());
            return jsonl.get(0);
        }
    }

    private long files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).count();
        }
    }

    private static List<Long> ids(List<AccessEvent> events) {
        return events.stream().map(AccessEvent::id).toList();
    }
}
