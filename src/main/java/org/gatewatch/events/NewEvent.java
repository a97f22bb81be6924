package org.gatewatch.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What the analysis hands to {@link EventRecorder#record}: the decision and, optionally, the JPEG bytes of the
 * frame and of the face. Null for anything unknown except camera, time and decision.
 */
public record NewEvent(String camera, Instant time, Decision decision, Long personId, String personName,
                       Double score, String rule, Long trackId, byte[] frameJpeg, byte[] faceJpeg) {

    public NewEvent {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(decision, "decision");
    }
}
