package org.gatewatch.people;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The listeners of one store; a failing listener is logged and does not undo the change it heard of. */
final class ChangeListeners {

    private static final Logger LOG = LogManager.getLogger(ChangeListeners.class);

    private final List<PeopleListener> listeners = new CopyOnWriteArrayList<>();

    void add(PeopleListener listener) {
        listeners.add(listener);
    }

    void remove(PeopleListener listener) {
        listeners.remove(listener);
    }

    void fire() {
        for (PeopleListener listener : listeners) {
            try {
                listener.peopleChanged();
            } catch (RuntimeException e) {
                LOG.error("A listener failed on a change to the people; the change itself is stored", e);
            }
        }
    }
}
