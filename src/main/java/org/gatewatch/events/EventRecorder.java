package org.gatewatch.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one way events are made: the analysis calls {@link #record} for each decision. Snapshots are written first,
 * then the row commits, then every {@link EventListener} hears of it. A snapshot that cannot be written does not
 * lose the event: the row is stored with the error noted.
 */
public final class EventRecorder {

    private static final Logger LOG = LogManager.getLogger(EventRecorder.class);

    private final EventStore store;
    private final SnapshotStore snapshots;
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    public EventRecorder(EventStore store, SnapshotStore snapshots) {
        this.store = store;
        this.snapshots = snapshots;
    }

    /** Adds a listener told of every event recorded from now on. */
    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /**
     * Stores one event with its snapshots and tells the listeners. Invoked by the analysis thread of a camera.
     *
     * @return the stored event, with its id
     */
    public AccessEvent record(NewEvent event) {
        StringBuilder errors = new StringBuilder();
        String frame = writeSnapshot(event, "frame", event.frameJpeg(), errors);
        String face = writeSnapshot(event, "face", event.faceJpeg(), errors);
        return commitAndNotify(event, frame, face, errors.isEmpty() ? null : errors.toString());
    }

    /**
     * Serialised so that ids commit, and reach every listener, in increasing order: an SSE client resuming after
     * id N must never miss a smaller id that committed later. Listeners only hand the event on, so this is short.
     */
    private synchronized AccessEvent commitAndNotify(NewEvent event, String frame, String face, String error) {
        AccessEvent stored;
        try {
            stored = store.insert(event, frame, face, error);
        } catch (RuntimeException e) {
            // No row names the snapshots: remove them rather than leave orphans.
            deleteQuietly(frame);
            deleteQuietly(face);
            throw e;
        }
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(stored);
            } catch (RuntimeException e) {
                LOG.error("Event listener {} failed on event {}", listener.getClass().getSimpleName(), stored.id(), e);
            }
        }
        return stored;
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

    private void deleteQuietly(String file) {
        if (file != null) {
            snapshots.delete(file);
        }
    }
}
