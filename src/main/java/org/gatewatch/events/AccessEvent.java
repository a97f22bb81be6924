package org.gatewatch.events;

import java.time.Instant;

/**
 * One stored access event. Nullable: {@code personId} (no one recognised, or the person was deleted since),
 * {@code personName}, {@code score}, {@code rule}, {@code trackId}, the snapshot files (none given or not written)
 * and {@code snapshotError} (why a snapshot could not be written), {@code spoofScore} (the liveness score of the
 * face that could grant access: 0 live .. 1 attack; null when none was scored).
 */
public record AccessEvent(long id, String camera, Instant time, Decision decision, Long personId, String personName,
                          Double score, String rule, Long trackId, String frameFile, String faceFile,
                          String snapshotError, Double spoofScore) {

    /** An event with no liveness score. */
    public AccessEvent(long id, String camera, Instant time, Decision decision, Long personId, String personName,
                       Double score, String rule, Long trackId, String frameFile, String faceFile,
                       String snapshotError) {
        this(id, camera, time, decision, personId, personName, score, rule, trackId, frameFile, faceFile,
                snapshotError, null);
    }
}
