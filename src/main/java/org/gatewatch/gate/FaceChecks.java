package org.gatewatch.gate;

import org.gatewatch.analysis.StageTimer;
import org.gatewatch.analysis.faces.FaceAntiSpoofing;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.MobileFaceNetEmbedder;
import org.gatewatch.analysis.faces.MtcnnFaceDetector;

/**
 * The models a gate camera runs on the faces of a walk-through: recognition, and the liveness model that scores the
 * faces that could grant access. Owns the models and closes them.
 *
 * @param recognizer face detector and embedder
 * @param liveness   the liveness model, or null when the camera's liveness is off
 */
public record FaceChecks(FaceRecognizer recognizer, FaceAntiSpoofing liveness) implements AutoCloseable {

    /**
     * Loads the models from the class path: MTCNN looking for faces of {@code minFaceSize} px or more,
     * MobileFaceNet, and the liveness model unless {@code liveness} is false. What was loaded before a model that
     * fails is closed again: native memory owned by nobody would stay until the JVM ends.
     *
     * @param timer told what face detection and recognition cost ({@link StageTimer#NONE} on a live camera)
     */
    public static FaceChecks load(int minFaceSize, boolean liveness, StageTimer timer) {
        MtcnnFaceDetector detector = MtcnnFaceDetector.fromClasspath(minFaceSize);
        FaceRecognizer recognizer;
        try {
            recognizer = new FaceRecognizer(detector, MobileFaceNetEmbedder.fromClasspath(), timer);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        try {
            return new FaceChecks(recognizer, liveness ? FaceAntiSpoofing.fromClasspath() : null);
        } catch (RuntimeException e) {
            recognizer.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            recognizer.close();
        } finally {
            if (liveness != null) {
                liveness.close();
            }
        }
    }
}
