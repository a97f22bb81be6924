package org.gatewatch.analysis.faces;

import java.util.List;
import org.opencv.core.Mat;

/**
 * Finds faces in a BGR image (a whole frame or a person's box cut from one). {@link MtcnnFaceDetector} gives boxes
 * and landmarks; {@link CascadeFaceDetector} is the model-free fallback with boxes only; YuNet ({@code FaceDetectorYN})
 * would fit behind the same seam with an operator-supplied model. One instance is used by one thread at a time
 * (the camera's analysis thread or a tool); it owns its native state and frees it in {@link #close()}.
 */
public interface FaceDetector extends AutoCloseable {

    /** Faces in {@code bgr} (8-bit, 3 channels), best first; coordinates in {@code bgr}'s pixels. */
    List<DetectedFace> detect(Mat bgr);

    /** Releases native memory. Safe to call twice. */
    @Override
    void close();
}
