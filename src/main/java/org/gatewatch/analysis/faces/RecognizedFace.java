package org.gatewatch.analysis.faces;

import java.util.Optional;

/**
 * One face of a frame after recognition: where it is, its embedding (for enrollment or a later gallery) and its
 * closest enrolled person whatever the score ({@link Gallery#identify} or the gate's vote apply the threshold).
 */
public record RecognizedFace(DetectedFace face, float[] embedding, Optional<Match> best) {
}
