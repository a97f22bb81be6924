package org.gatewatch.pipeline;

import org.gatewatch.recognize.FaceAntiSpoofing;
import org.gatewatch.recognize.FaceRecognizer;

/**
 * What a gate camera does with the faces of a walk-through: recognise them, and vote over {@code votes} frames
 * before naming anyone; and score the faces that could grant access for liveness. Owns the models and closes them.
 *
 * @param recognizer face detector and embedder
 * @param liveness   the liveness model, or null when the camera's liveness is off
 * @param votes      frames that must name the same person ({@code faces.votes})
 */
public record FaceChecks(FaceRecognizer recognizer, FaceAntiSpoofing liveness, int votes) implements AutoCloseable {

    @Override
    public void close() {
        recognizer.close();
        if (liveness != null) {
            liveness.close();
        }
    }
}
