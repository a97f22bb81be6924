package org.gatewatch.people.enrollment;

/**
 * How well one enrolled face agrees with the person's other faces, so an admin can spot a wrong or poor enrollment
 * photo. See {@link org.gatewatch.analysis.faces.PersonTemplate}.
 *
 * @param agreement  cosine similarity of the face with the mean of the person's other kept faces, −1..1; null for a
 *                   person's only face
 * @param inTemplate false when the face disagrees so much with the others that matching leaves it out
 */
public record FaceAgreement(Double agreement, boolean inTemplate) {
}
