package org.gatewatch.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.db.DataAccessException;
import org.gatewatch.events.journal.Journal;
import org.gatewatch.events.journal.JournalReader;

/**
 * The events after a given id, for a live view that reconnects: those the database already holds from it, the newer
 * ones from the journal. While the database is away, the live page still gets every decision made since.
 */
public final class EventHistory {

    private static final Logger LOG = LogManager.getLogger(EventHistory.class);

    private final EventStore store;
    private final Journal journal;
    private final String storeReader;

    /** @param storeReader the name of the journal reader that writes to {@code store} */
    public EventHistory(EventStore store, Journal journal, String storeReader) {
        this.store = store;
        this.journal = journal;
        this.storeReader = storeReader;
    }

    /**
     * One event: from the database, or from the journal while its row is not written yet (the database away), so the
     * live page's snapshot links work from the moment it hears of the decision.
     */
    public Optional<AccessEvent> find(long id) {
        try {
            Optional<AccessEvent> stored = store.find(id);
            if (stored.isPresent()) {
                return stored;
            }
        } catch (DataAccessException e) {
            LOG.debug("Event {} looked up in the journal: {}", id, e.getMessage());
        }
        return journal.after(id - 1, 1).stream().filter(e -> e.id() == id).findFirst();
    }

    /** Up to {@code limit} events with an id above {@code lastId}, oldest first. */
    public List<AccessEvent> after(long lastId, int limit) {
        long stored = journal.reader(storeReader).map(JournalReader::position).orElse(journal.lastId());
        List<AccessEvent> out = new ArrayList<>();
        long from = lastId;
        if (lastId < stored) {
            try {
                for (AccessEvent e : store.after(lastId, limit)) {
                    if (e.id() > stored) {
                        break;
                    }
                    out.add(e);
                }
                from = stored;
            } catch (DataAccessException e) {
                LOG.warn("Replaying events after {} from the journal only: {}", lastId, e.getMessage());
            }
        }
        if (out.size() < limit) {
            out.addAll(journal.after(from, limit - out.size()));
        }
        return out;
    }
}
