package org.gatewatch.analysis.faces;

/**
 * The enrolled person a face is closest to.
 *
 * @param score cosine similarity of the face's embedding to the person's closest enrolled embedding, and no more
 *              than to their template where they have one ({@link PersonTemplate#score}), −1..1
 */
public record Match(String personId, double score) {

    public Match {
        if (personId == null || personId.isBlank()) {
            throw new IllegalArgumentException("person id is required");
        }
    }
}
