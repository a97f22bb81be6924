package org.gatewatch.people;

import java.time.Instant;

/** One stored face image of a person; {@code file} is relative to the faces folder. */
public record Face(long id, long personId, String file, String contentType, int bytes, int width, int height,
                   FaceSource source, String addedBy, Instant createdAt) {
}
