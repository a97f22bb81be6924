package org.gatewatch.people;

import java.time.Clock;
import java.util.Optional;
import org.gatewatch.db.Page;

/**
 * What the API and the pages do with people: the person rows and their face files kept consistent. Deleting a
 * person deletes their face images; their past events keep the name (access_event.person_name).
 */
public final class People {

    private final PersonStore persons;
    private final FaceStore faces;
    private final Clock clock;

    public People(PersonStore persons, FaceStore faces, Clock clock) {
        this.persons = persons;
        this.faces = faces;
        this.clock = clock;
    }

    public Page<Person> list(String search, int page, int size) {
        return persons.list(search, page, size);
    }

    public Optional<Person> find(long id) {
        return persons.find(id);
    }

    public Person create(PersonDraft draft) {
        return persons.create(draft, clock.instant());
    }

    public Optional<Person> update(long id, PersonDraft draft) {
        return persons.update(id, draft, clock.instant());
    }

    /** False when there was no such person. */
    public boolean delete(long id) {
        // The rows first (faces cascade), then the files: a failed delete never leaves rows without images.
        var images = faces.of(id);
        if (!persons.delete(id)) {
            return false;
        }
        faces.deleteFiles(id, images);
        return true;
    }

    public FaceStore faces() {
        return faces;
    }

    /** Registers on both stores: told of every change to a person or a face, whoever made it. */
    public void addListener(PeopleListener listener) {
        persons.addListener(listener);
        faces.addListener(listener);
    }

    public void removeListener(PeopleListener listener) {
        persons.removeListener(listener);
        faces.removeListener(listener);
    }

    /** Checks and stores a face image of an existing person, with no embedding yet; empty when no such person. */
    public Optional<Face> addFace(long personId, byte[] image, FaceSource source, String addedBy) {
        return addFace(personId, image, source, addedBy, null);
    }

    /**
     * Checks a face image of an existing person and stores a fresh encode of it (no metadata of the upload's) with
     * its embedding; empty when no such person.
     */
    public Optional<Face> addFace(long personId, byte[] image, FaceSource source, String addedBy,
                                  Embedding embedding) {
        return addFace(personId, ImageCheck.clean(image), source, addedBy, embedding);
    }

    /** Stores an image that {@link ImageCheck#clean} made, with its embedding; empty when no such person. */
    public Optional<Face> addFace(long personId, ImageCheck.Clean image, FaceSource source, String addedBy,
                                  Embedding embedding) {
        if (persons.find(personId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(faces.add(personId, image.bytes(), image.info(), source, addedBy, clock.instant(),
                embedding));
    }
}
