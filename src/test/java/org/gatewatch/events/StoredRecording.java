package org.gatewatch.events;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.gatewatch.events.journal.Backoff;
import org.gatewatch.events.journal.Journal;
import org.gatewatch.events.journal.JournalReader;

/**
 * A recorder as the app builds it (a journal in {@code dataDir}, and its reader for the database), for tests that
 * record events and then read them from the database: {@link #record} returns once the row is there.
 */
public final class StoredRecording implements AutoCloseable {

    private final Journal journal;
    private final SnapshotStore snapshots;
    private final EventRecorder recorder;
    private final JournalReader store;

    /** With the snapshots in {@code dataDir/snapshots}, as the app keeps them. */
    public StoredRecording(Path dataDir, DataSource db) {
        this(dataDir, db, new SnapshotStore(dataDir.resolve("snapshots")));
    }

    public StoredRecording(Path dataDir, DataSource db, SnapshotStore snapshots) {
        this.snapshots = snapshots;
        journal = Journal.open(dataDir.resolve("journal"), new EventStore(db).maxId());
        recorder = new EventRecorder(journal, snapshots);
        store = new JournalReader("store", journal, new EventRows(db), new Backoff(50, 500),
                UnaryOperator.identity()).start();
    }

    public EventRecorder recorder() {
        return recorder;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** The database's reader of the journal. */
    public JournalReader storeReader() {
        return store;
    }

    public Journal journal() {
        return journal;
    }

    /** Records {@code event} and waits until its row is in the database. */
    public AccessEvent record(NewEvent event) {
        AccessEvent recorded = recorder.record(event);
        awaitStored();
        return recorded;
    }

    /** Waits until every event recorded so far is in the database (10 s at most). */
    public void awaitStored() {
        try {
            if (!store.awaitDelivered(journal.lastId(), 10_000)) {
                throw new AssertionError("events not in the database after 10 s: the store reader is at "
                        + store.position() + " of " + journal.lastId() + ", last error " + store.lastError());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the database", e);
        }
    }

    @Override
    public void close() {
        store.close();
        journal.close();
    }
}
