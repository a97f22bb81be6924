package org.gatewatch.people;

/** Told by {@link PersonStore} and {@link FaceStore} after a person or a face was stored, changed or deleted. */
@FunctionalInterface
public interface PeopleListener {

    /** Invoked on the thread that made the change, once it is stored; returns at once. */
    void peopleChanged();
}
