package org.gatewatch.app;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.EventHistory;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.EventRows;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.SnapshotStore;
import org.gatewatch.events.journal.Backoff;
import org.gatewatch.events.journal.Journal;
import org.gatewatch.events.journal.JournalReader;

/**
 * Where decisions are made durable: the journal in {@code <data>/journal/}, the recorder that writes to it, and the
 * journal's reader for the database ({@value #STORE_READER}). The outputs add readers of their own.
 */
final class Recording implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Recording.class);
    /** The database is tried again soon after it failed, then every 10 s while it stays away. */
    private static final Backoff DATABASE_BACKOFF = new Backoff(250, 10_000);
    static final String STORE_READER = "store";

    private final Journal journal;
    private final EventRecorder recorder;
    private JournalReader store;

    private Recording(Journal journal, EventRecorder recorder) {
        this.journal = journal;
        this.recorder = recorder;
    }

    static Recording start(Path dataDir, DataSource db, EventStore events, SnapshotStore snapshots) {
        long stored = events.maxId();
        Journal journal = Journal.open(dataDir.resolve("journal"), stored);
        Recording r = new Recording(journal, new EventRecorder(journal, snapshots));
        try {
            // From what the database holds: rows a crash lost after their commit are written again, once.
            r.store = new JournalReader(STORE_READER, journal, new EventRows(db), DATABASE_BACKOFF,
                    UnaryOperator.identity()).start(stored);
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    EventRecorder recorder() {
        return recorder;
    }

    /** The database's reader. */
    JournalReader storeReader() {
        return store;
    }

    /** The events after an id, from the database and then the journal. */
    EventHistory history(EventStore events) {
        return new EventHistory(events, journal, STORE_READER);
    }

    /** Where the outputs start their own readers; they close them before this closes. */
    Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
        journal.close();
        LOG.info("Journal closed at decision {}", journal.lastId());
    }
}
