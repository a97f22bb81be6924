package org.gatewatch.events.journal;

import java.util.List;

/**
 * The journal as GET /api/status shows it; the field names are a public contract.
 *
 * @param lastId        the newest decision's id
 * @param notWritten    decisions that could not be written to disk since the start (a full disk): handed on from
 *                      memory, but a restart would have lost them
 * @param lost          decisions neither on disk nor in memory any more when a reader came for them
 * @param lastWriteError why the last write failed (null when none has)
 * @param readers       where each consumer of the journal stands
 */
public record JournalStatus(long lastId, long notWritten, long lost, String lastWriteError, List<Reader> readers) {

    /**
     * @param behind      decisions it has still to deliver
     * @param failedTries tries that failed since the start (each is tried again)
     * @param refused     decisions it can never deliver, skipped
     * @param lastError   the error of its last try while it keeps failing; null once a try works
     */
    public record Reader(String name, long position, long behind, long delivered, long failedTries, long refused,
                         String lastError) {
    }

    public static JournalStatus of(Journal journal) {
        List<Reader> readers = journal.readers().stream()
                .map(r -> new Reader(r.name(), r.position(), r.behind(), r.delivered(), r.failedTries(), r.refused(),
                        r.lastError()))
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        return new JournalStatus(journal.lastId(), journal.notWritten(), journal.lost(), journal.lastWriteError(),
                readers);
    }
}
