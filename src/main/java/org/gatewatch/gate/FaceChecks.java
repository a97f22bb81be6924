package org.gatewatch.gate;

import org.gatewatch.analysis.StageTimer;
import org.gatewatch.analysis.faces.FaceAntiSpoofing;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.MobileFaceNetEmbedder;
import org.gatewatch.analysis.faces.MtcnnFaceDetector;
import org.gatewatch.natives.ModelPool;

/**
 * The models a gate camera runs on the faces of a walk-through: recognition, its own, and the liveness model that
 * scores the faces that could grant access, shared with the other cameras. Owns the recognition models and closes
 * them; the liveness pool belongs to whoever made it.
 *
 * @param recognizer face detector and embedder
 * @param liveness   the liveness models shared by the cameras, or null when the camera's liveness is off
 */
public record FaceChecks(FaceRecognizer recognizer, ModelPool<FaceAntiSpoofing> liveness) implements AutoCloseable {

    /**
     * Loads the recognition models from the class path: MTCNN looking for faces of {@code minFaceSize} px or more,
     * and MobileFaceNet. What was loaded before a model that fails is closed again: native memory owned by nobody
     * would stay until the JVM ends.
     *
     * @param liveness the shared liveness models, or null when the camera's liveness is off
     * @param timer    told what face detection and recognition cost ({@link StageTimer#NONE} on a live camera)
     */
    public static FaceChecks load(int minFaceSize, ModelPool<FaceAntiSpoofing> liveness, StageTimer timer) {
        MtcnnFaceDetector detector = MtcnnFaceDetector.fromClasspath(minFaceSize);
        try {
            return new FaceChecks(new FaceRecognizer(detector, MobileFaceNetEmbedder.fromClasspath(), timer), liveness);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    @Override
    public void close() {
        recognizer.close();
    }
}
