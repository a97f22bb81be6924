package org.gatewatch.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gatewatch.db.Database;
import org.gatewatch.db.Page;
import org.gatewatch.db.TestDatabases;
import org.gatewatch.db.TestDatabases.Engine;
import org.gatewatch.events.journal.JournalDelivery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The event store, its snapshots and the recorder on H2 and PostgreSQL. */
class EventStoreIT {

    private static final byte[] FRAME = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] FACE = {(byte) 0xFF, (byte) 0xD8, 9, (byte) 0xFF, (byte) 0xD9};
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private static Path dir() throws IOException {
        return Files.createDirectories(TestDatabases.WORK.resolve("events-" + UUID.randomUUID()));
    }

    private static AccessEvent row(long id, String camera, Instant time) {
        return new AccessEvent(id, camera, time, Decision.PASSAGE, null, null, null, null, 7L, null, null, null);
    }

    private static NewEvent event(String camera, Instant time, Decision decision, Long person) {
        return new NewEvent(camera, time, decision, person, person == null ? null : "P" + person,
                person == null ? null : 0.8, decision == Decision.PASSAGE ? null : "face", 7L, FRAME, FACE);
    }

    /**
     * The CSV export reads in short queries: every matching event once, newest first, across batches whose edges fall
     * inside runs of events with the same time; and no connection is held while the consumer (a slow download)
     * writes a row.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void theExportReadsEveryEventOnceInShortQueriesAndHoldsNoConnectionWhileWriting(Engine engine)
            throws JournalDelivery.Refused {
        try (Database db = TestDatabases.fresh(engine)) {
            java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
            EventStore store = new EventStore(countingConnections(db.dataSource(), open));
            EventRows rows = new EventRows(db.dataSource());
            int total = EventStore.EXPORT_BATCH * 2 + 37;
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                // Seven events a second: runs of equal times straddle the batch edges.
                rows.insertOnce(row(i + 1, "hall", T0.plusSeconds(i / 7)));
                ids.add(i + 1L);
            }
            rows.insertOnce(row(total + 1, "other", T0));
            List<Long> exported = new ArrayList<>();
            List<Integer> openWhileWriting = new ArrayList<>();
            store.forEach(new EventFilter("hall", null, null, null, null), 10_000, e -> {
                exported.add(e.id());
                openWhileWriting.add(open.get());
            });
            java.util.Collections.reverse(ids);
            assertEquals(ids, exported, "every event once, newest first");
            assertTrue(openWhileWriting.stream().allMatch(n -> n == 0), "connections open while writing");

            List<Long> capped = new ArrayList<>();
            store.forEach(new EventFilter("hall", null, null, null, null), EventStore.EXPORT_BATCH + 3, e ->
                    capped.add(e.id()));
            assertEquals(ids.subList(0, EventStore.EXPORT_BATCH + 3), capped, "the limit holds across batches");
        }
    }

    /** The pool as a stand-in that counts the connections lent out and not yet closed. */
    private static javax.sql.DataSource countingConnections(javax.sql.DataSource pool,
                                                            java.util.concurrent.atomic.AtomicInteger open) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(EventStoreIT.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(pool, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    open.incrementAndGet();
                    java.sql.Connection c = (java.sql.Connection) result;
                    return java.lang.reflect.Proxy.newProxyInstance(EventStoreIT.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("close")) {
                                    open.decrementAndGet();
                                }
                                return m.invoke(c, a);
                            });
                });
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void snapshotsAreOnDiskBeforeListenersHearAndReadBackIntact(Engine engine) throws IOException {
        Path data = dir();
        try (Database db = TestDatabases.fresh(engine);
             StoredRecording recording = new StoredRecording(data, db.dataSource())) {
            SnapshotStore snapshots = recording.snapshots();
            EventStore store = new EventStore(db.dataSource());
            EventRecorder recorder = recording.recorder();
            List<Boolean> filesThere = new ArrayList<>();
            // The live page hears of a decision once it is journaled: its snapshots are on disk already.
            recorder.addListener(e -> filesThere.add((e.frameFile() == null || Files.exists(snapshots.path(e.frameFile()))
                    && Files.exists(snapshots.path(e.faceFile()))) && recording.journal().lastId() >= e.id()));

            AccessEvent e = recording.record(new NewEvent("gate", T0, Decision.GRANTED, null, "Ada", 0.93, "face+window",
                    42L, FRAME, FACE, 0.07));
            assertEquals(List.of(true), filesThere, "files written and journaled before listeners run");
            AccessEvent read = store.find(e.id()).orElseThrow();
            assertEquals(e, read);
            assertEquals(T0, read.time());
            assertEquals(0.93, read.score());
            assertEquals(42L, read.trackId());
            assertEquals(0.07, read.spoofScore());
            assertNull(read.snapshotError());
            assertTrue(read.frameFile().startsWith("2026/03/02/"), read.frameFile());
            assertArrayEquals(FRAME, Files.readAllBytes(snapshots.path(read.frameFile())));
            assertArrayEquals(FACE, Files.readAllBytes(snapshots.path(read.faceFile())));
            assertEquals(FRAME.length + FACE.length, snapshots.diskBytes());

            filesThere.clear();
            AccessEvent bare = recording.record(new NewEvent("gate", T0, Decision.PASSAGE, null, null, null, null,
                    null, null, null));
            assertEquals(List.of(true), filesThere);
            AccessEvent bareRead = store.find(bare.id()).orElseThrow();
            assertNull(bareRead.frameFile());
            assertNull(bareRead.score());
            assertNull(bareRead.trackId());
            assertNull(bareRead.spoofScore());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSnapshotThatCannotBeWrittenKeepsTheEventWithTheErrorNoted(Engine engine) throws IOException {
        Path data = dir();
        Path blocked = data.resolve("snapshots");
        Files.writeString(blocked, "a file where the folder should be");
        try (Database db = TestDatabases.fresh(engine);
             StoredRecording recording = new StoredRecording(data, db.dataSource(), new SnapshotStore(blocked))) {
            EventStore store = new EventStore(db.dataSource());
            AccessEvent e = recording.record(event("gate", T0, Decision.DENIED, null));
            AccessEvent read = store.find(e.id()).orElseThrow();
            assertNull(read.frameFile());
            assertNull(read.faceFile());
            assertNotNull(read.snapshotError());
            assertTrue(read.snapshotError().contains("frame snapshot not written"), read.snapshotError());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void filtersPagesNewestFirstResumeAndCounts(Engine engine) throws IOException {
        Path data = dir();
        try (Database db = TestDatabases.fresh(engine);
             StoredRecording recorder = new StoredRecording(data, db.dataSource())) {
            EventStore store = new EventStore(db.dataSource());
            List<Long> persons = insertPersons(db, 4);
            List<AccessEvent> made = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Decision d = Decision.values()[i % 3];
                made.add(recorder.record(event(i % 2 == 0 ? "north" : "south", T0.plus(Duration.ofMinutes(i)), d,
                        d == Decision.PASSAGE ? null : persons.get(i % 4))));
            }
            Page<AccessEvent> first = store.page(EventFilter.ALL, 1, 7);
            assertEquals(30, first.total());
            assertEquals(5, first.pages());
            assertEquals(made.get(29).id(), first.items().get(0).id(), "newest first");
            assertEquals(2, store.page(EventFilter.ALL, 5, 7).items().size());

            Page<AccessEvent> north = store.page(new EventFilter("north", Decision.GRANTED, null, null, null), 1, 50);
            assertEquals(5, north.total());
            assertTrue(north.items().stream().allMatch(e -> e.camera().equals("north")
                    && e.decision() == Decision.GRANTED));
            Page<AccessEvent> ofOne = store.page(new EventFilter(null, null, persons.get(0), null, null), 1, 50);
            assertEquals(6, ofOne.total(), "events 0, 4, 12, 16, 24, 28 (8 and 20 are passages)");
            assertEquals(List.of(persons.get(0)), ofOne.items().stream().map(AccessEvent::personId).distinct().toList());
            Page<AccessEvent> window = store.page(new EventFilter(null, null, null, T0.plus(Duration.ofMinutes(10)),
                    T0.plus(Duration.ofMinutes(20))), 1, 50);
            assertEquals(10, window.total(), "from inclusive, to exclusive");

            List<AccessEvent> exported = new ArrayList<>();
            store.forEach(new EventFilter("south", null, null, null, null), 4, exported::add);
            assertEquals(4, exported.size());
            assertEquals(made.get(29).id(), exported.get(0).id());

            List<AccessEvent> missed = store.after(made.get(26).id(), 100);
            assertEquals(List.of(made.get(27), made.get(28), made.get(29)), missed, "oldest first after the id");

            Map<Decision, Long> counts = store.countsSince(T0.plus(Duration.ofMinutes(24)), null);
            assertEquals(Map.of(Decision.GRANTED, 2L, Decision.DENIED, 2L, Decision.PASSAGE, 2L), counts);
            assertEquals(Map.of(Decision.GRANTED, 1L, Decision.DENIED, 1L, Decision.PASSAGE, 1L),
                    store.countsSince(T0.plus(Duration.ofMinutes(24)), "north"));

            recorder.record(new NewEvent("north", T0.plus(Duration.ofMinutes(40)), Decision.CAMERA_DOWN, null, null,
                    null, "no frame for 10 s", null, null, null));
            recorder.record(new NewEvent("north", T0.plus(Duration.ofMinutes(41)), Decision.ANALYSIS_DOWN, null, null,
                    null, "analysis thread died", null, null, null));
            assertEquals(30, store.page(new EventFilter(null, null, null, null, null, false), 1, 50).total(),
                    "people only");
            Page<AccessEvent> cameraOnly = store.page(new EventFilter("north", null, null, null, null, true), 1, 50);
            assertEquals(List.of(Decision.ANALYSIS_DOWN, Decision.CAMERA_DOWN),
                    cameraOnly.items().stream().map(AccessEvent::decision).toList(), "a camera's own events only");
            assertEquals(32, store.page(EventFilter.ALL, 1, 50).total());
        }
    }

    /** Person rows for events to point at; plain SQL so this test needs nothing of the people package. */
    private static List<Long> insertPersons(Database db, int n) {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO person (name, created_at, updated_at)"
                     + " VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < n; i++) {
                s.setString(1, "P" + i);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void deletingOldEventsReturnsThemInBatchesAndKeepsNewerOnes(Engine engine) throws IOException {
        Path data = dir();
        SnapshotStore snapshots = new SnapshotStore(data.resolve("snapshots"));
        try (Database db = TestDatabases.fresh(engine);
             StoredRecording recorder = new StoredRecording(data, db.dataSource(), snapshots)) {
            EventStore store = new EventStore(db.dataSource());
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                recorder.record(event("gate", now.minus(Duration.ofDays(40 + i)), Decision.DENIED, null));
            }
            AccessEvent recent = recorder.record(event("gate", now.minus(Duration.ofDays(1)), Decision.DENIED, null));
            Instant cutoff = now.minus(Duration.ofDays(30));
            assertEquals(3, store.deleteOlderThan(cutoff, 3).size());
            List<AccessEvent> rest = store.deleteOlderThan(cutoff, 3);
            assertEquals(2, rest.size());
            assertTrue(store.deleteOlderThan(cutoff, 3).isEmpty());
            assertEquals(1, store.page(EventFilter.ALL, 1, 10).total());
            assertTrue(store.find(recent.id()).isPresent());
            assertFalse(rest.get(0).frameFile() == null, "deleted rows come back with their snapshot names");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void retentionDeletesOldEventsTheirSnapshotsAndEmptyDayFolders(Engine engine) throws IOException {
        Path data = dir();
        SnapshotStore snapshots = new SnapshotStore(data.resolve("snapshots"));
        try (Database db = TestDatabases.fresh(engine);
             StoredRecording recorder = new StoredRecording(data, db.dataSource(), snapshots)) {
            EventStore store = new EventStore(db.dataSource());
            Instant now = Instant.parse("2026-06-30T12:00:00Z");
            AccessEvent old = recorder.record(event("gate", Instant.parse("2026-01-15T08:00:00Z"), Decision.DENIED, null));
            AccessEvent kept = recorder.record(event("gate", Instant.parse("2026-06-20T08:00:00Z"), Decision.DENIED, null));
            Path oldFrame = snapshots.path(old.frameFile());
            assertTrue(Files.exists(oldFrame));

            Retention retention = new Retention(store, snapshots, Duration.ofDays(30),
                    java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
            assertEquals(1, retention.run());
            assertTrue(store.find(old.id()).isEmpty());
            assertFalse(Files.exists(oldFrame), "the snapshot went with its event");
            assertFalse(Files.exists(snapshots.root().resolve("2026/01")), "the emptied month folder is gone");
            assertTrue(Files.exists(snapshots.path(kept.frameFile())));
            assertTrue(store.find(kept.id()).isPresent());
            assertEquals(0, retention.run(), "a second pass finds nothing");
        }
    }
}
