package org.gatewatch.people;

/**
 * What enrollment computed from a face image, stored in the face's own row so the face never exists without it.
 *
 * @param model  names the model that computed it (face.embedding_model)
 * @param vector the embedding as little-endian float32 values (face.embedding)
 */
public record Embedding(String model, byte[] vector) {
}
