package org.gatewatch.web.api.dto;

import org.gatewatch.events.AccessEvent;

/**
 * An access event in the API, with the URLs of its snapshots (null when it has none) and the liveness model's
 * {@code spoofScore} of the face that could grant access (0 live .. 1 attack; null when none was scored).
 */
public record EventJson(long id, String camera, String time, String decision, Long personId, String personName,
                        Double score, String rule, Long trackId, String frameUrl, String faceUrl,
                        String snapshotError, Double spoofScore) {

    /** {@code apiBase} is the context path + "/api". */
    public static EventJson of(AccessEvent e, String apiBase) {
        String base = apiBase + "/events/" + e.id();
        return new EventJson(e.id(), e.camera(), e.time().toString(), e.decision().name(), e.personId(),
                e.personName(), e.score(), e.rule(), e.trackId(), e.frameFile() == null ? null : base + "/frame.jpg",
                e.faceFile() == null ? null : base + "/face.jpg", e.snapshotError(), e.spoofScore());
    }
}
