package org.gatewatch.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What the analysis hands to {@link EventRecorder#record}: the decision and, optionally, the JPEG bytes of the
 * frame and of the face. Null for anything unknown except camera, time and decision. {@code spoofScore} is the
 * liveness model's score of the face that could grant access (0 live .. 1 attack).
 */
public record NewEvent(String camera, Instant time, Decision decision, Long personId, String personName,
                       Double score, String rule, Long trackId, byte[] frameJpeg, byte[] faceJpeg,
                       Double spoofScore) {

    /** An event with no liveness score. */
    public NewEvent(String camera, Instant time, Decision decision, Long personId, String personName,
                    Double score, String rule, Long trackId, byte[] frameJpeg, byte[] faceJpeg) {
        this(camera, time, decision, personId, personName, score, rule, trackId, frameJpeg, faceJpeg, null);
    }

    public NewEvent {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(decision, "decision");
    }
}
