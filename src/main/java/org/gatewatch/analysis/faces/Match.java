package org.gatewatch.analysis.faces;

/**
 * The enrolled person a face is closest to.
 *
 * @param score cosine similarity of the face's embedding to the person's closest enrolled embedding, −1..1
 */
public record Match(String personId, double score) {

    public Match {
        if (personId == null || personId.isBlank()) {
            throw new IllegalArgumentException("person id is required");
        }
    }
}
