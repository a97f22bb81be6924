package org.gatewatch.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.journal.Journal;

/**
 * The one way events are made: the analysis calls {@link #record} for each decision. Its snapshots are written and
 * forced to disk first, then the decision is written to the {@link Journal} (which gives it its id), then every
 * {@link EventListener} hears of it (the live page, the meters). The database, the audit trail and the door's
 * receivers take it from the journal, each at its own pace, so none of them can make the analysis wait or lose it.
 * A snapshot that cannot be written does not lose the event: it is recorded with the error noted.
 */
public final class EventRecorder {

    private static final Logger LOG = LogManager.getLogger(EventRecorder.class);

    private final Journal journal;
    private final SnapshotStore snapshots;
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    public EventRecorder(Journal journal, SnapshotStore snapshots) {
        this.journal = journal;
        this.snapshots = snapshots;
    }

    /** Adds a listener told of every event recorded from now on. */
    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /** Where the decisions are, for the readers that take them on. */
    public Journal journal() {
        return journal;
    }

    /**
     * Makes one event durable with its snapshots and tells the listeners. Invoked by the analysis thread of a camera;
     * costs two or three writes forced to disk, and never waits for the database or a receiver.
     *
     * @return the recorded event, with its id
     */
    public AccessEvent record(NewEvent event) {
        StringBuilder errors = new StringBuilder();
        String frame = writeSnapshot(event, "frame", event.frameJpeg(), errors);
        String face = writeSnapshot(event, "face", event.faceJpeg(), errors);
        String error = errors.isEmpty() ? null : errors.toString();
        return journalAndNotify(event, frame, face, error);
    }

    /**
     * Serialised so that ids reach every listener in increasing order: an SSE client resuming after id N must never
     * miss a smaller id told later. Listeners only hand the event on, so this is short.
     */
    private synchronized AccessEvent journalAndNotify(NewEvent e, String frame, String face, String error) {
        AccessEvent recorded = journal.append(id -> new AccessEvent(id, e.camera(), e.time(), e.decision(),
                e.personId(), e.personName(), e.score(), e.rule(), e.trackId(), frame, face, error, e.spoofScore()));
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(recorded);
            } catch (RuntimeException ex) {
                LOG.error("Event listener {} failed on event {}", listener.getClass().getSimpleName(), recorded.id(),
                        ex);
            }
        }
        return recorded;
    }

    private String writeSnapshot(NewEvent event, String kind, byte[] jpeg, StringBuilder errors) {
        if (jpeg == null || jpeg.length == 0) {
            return null;
        }
        try {
            return snapshots.write(event.time(), kind, jpeg);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot write the {} snapshot of an event of camera {}: {}", kind, event.camera(), e.toString());
            errors.append(errors.isEmpty() ? "" : "; ").append(kind).append(" snapshot not written: ").append(e);
            return null;
        }
    }
}
