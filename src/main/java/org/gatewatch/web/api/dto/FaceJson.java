package org.gatewatch.web.api.dto;

import org.gatewatch.people.Face;
import org.gatewatch.people.enrollment.FaceAgreement;

/**
 * A face image in the API, with the URL of its bytes.
 *
 * @param agreement  how well the face agrees with the person's other faces (cosine with the mean of the others they
 *                   kept, −1..1); null for an only face, a face not embedded, or where not computed
 * @param inTemplate false when matching leaves the face out for disagreeing with the others; null where not computed
 */
public record FaceJson(long id, long personId, String url, String contentType, int bytes, int width, int height,
                       String source, String addedBy, String createdAt, Double agreement, Boolean inTemplate) {

    /** {@code apiBase} is the context path + "/api". */
    public static FaceJson of(Face f, String apiBase) {
        return of(f, apiBase, null);
    }

    /** With the face's agreement with the person's other faces, or null when it has none. */
    public static FaceJson of(Face f, String apiBase, FaceAgreement agreement) {
        return new FaceJson(f.id(), f.personId(), apiBase + "/people/" + f.personId() + "/faces/" + f.id() + ".jpg",
                f.contentType(), f.bytes(), f.width(), f.height(), f.source().name(), f.addedBy(),
                f.createdAt().toString(), agreement == null ? null : agreement.agreement(),
                agreement == null ? null : agreement.inTemplate());
    }
}
