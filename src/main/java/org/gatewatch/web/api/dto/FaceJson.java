package org.gatewatch.web.api.dto;

import org.gatewatch.people.Face;

/** A face image in the API, with the URL of its bytes. */
public record FaceJson(long id, long personId, String url, String contentType, int bytes, int width, int height,
                       String source, String addedBy, String createdAt) {

    /** {@code apiBase} is the context path + "/api". */
    public static FaceJson of(Face f, String apiBase) {
        return new FaceJson(f.id(), f.personId(), apiBase + "/people/" + f.personId() + "/faces/" + f.id() + ".jpg",
                f.contentType(), f.bytes(), f.width(), f.height(), f.source().name(), f.addedBy(),
                f.createdAt().toString());
    }
}
