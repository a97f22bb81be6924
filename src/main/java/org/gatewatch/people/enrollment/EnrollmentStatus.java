package org.gatewatch.people.enrollment;

import java.time.Instant;
import java.util.Set;

/**
 * What the live gallery holds now, for the status API and tests.
 *
 * @param personIds     the ids of the people in the gallery (active, with at least one usable face)
 * @param embeddings    how many face embeddings they have together
 * @param unusableFaces faces of active people whose image gave no embedding (no face, several, file missing)
 * @param generation    how many times a new gallery was swapped in since start
 * @param builtAt       when the last rebuild finished, or null before the first
 * @param current       true when no rebuild is running or waiting: every change so far is in the gallery
 * @param error         why the last rebuild failed, or null
 * @param threshold     the cosine similarity a face needs to be recognised
 */
public record EnrollmentStatus(Set<String> personIds, int embeddings, int unusableFaces, long generation,
                               Instant builtAt, boolean current, String error, double threshold) {

    public EnrollmentStatus {
        personIds = Set.copyOf(personIds);
    }
}
