package org.gatewatch.gate;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.faces.FaceAntiSpoofing;
import org.gatewatch.analysis.faces.FaceBox;
import org.gatewatch.natives.ModelPool;
import org.opencv.core.Mat;

/** Scores the faces of a walk that could grant access for liveness, a few per walk. One analysis thread. */
final class LivenessCheck {

    private static final Logger LOG = LogManager.getLogger(LivenessCheck.class);

    private final String cameraId;
    private final ModelPool<FaceAntiSpoofing> models;

    /** @param models the liveness models shared by the cameras (not owned), or null when this camera's liveness is off */
    LivenessCheck(String cameraId, ModelPool<FaceAntiSpoofing> models) {
        this.cameraId = cameraId;
        this.models = models;
    }

    /** Invoked with each face that could grant access; scores it while the walk wants more scores. */
    void score(Walk walk, Mat frame, FaceBox face) {
        if (models == null || !walk.wantsSpoofScore()) {
            return;
        }
        try {
            walk.addSpoofScore(models.use(model -> model.spoofScore(frame, face)));
        } catch (RuntimeException e) {
            // Unscored, the walk cannot pass an enforced liveness rule: the check fails closed.
            LOG.error("Camera {}: liveness model failed on track {}", cameraId, walk.trackId, e);
        }
    }
}
