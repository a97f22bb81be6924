package org.gatewatch.analysis.faces;

import java.util.Optional;

/**
 * One face found in a frame: its box, and its five landmarks when the detector gives them (MTCNN does, the cascade
 * does not). Recognition aligns on the landmarks; without them it can only crop the box.
 */
public record DetectedFace(FaceBox box, Optional<Landmarks> landmarks) {

    public DetectedFace {
        if (box == null || landmarks == null) {
            throw new IllegalArgumentException("box and landmarks (possibly empty) are required");
        }
    }

    public static DetectedFace boxOnly(FaceBox box) {
        return new DetectedFace(box, Optional.empty());
    }

    /** The same face in another coordinate frame, e.g. from a person box's pixels to the frame's. */
    public DetectedFace translate(double dx, double dy) {
        return new DetectedFace(box.translate(dx, dy), landmarks.map(l -> l.translate(dx, dy)));
    }
}
