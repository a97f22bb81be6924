package org.gatewatch.analysis;

/**
 * Told what each stage of a frame's analysis cost. The live camera passes {@link #NONE}; a benchmark passes one
 * that records, so the stages are timed where they run without the analysis keeping figures nobody reads.
 */
@FunctionalInterface
public interface StageTimer {

    /** The stages, in the order a frame passes them. */
    enum Stage {
        /** Background model and regions of interest. */
        MOTION,
        /** Pedestrian detector, NMS, tracker and counting line. */
        PEDESTRIANS,
        /** One face detector pass over the frame. */
        FACE_DETECTION,
        /** Align, embed and gallery match of the faces found. */
        FACE_RECOGNITION
    }

    StageTimer NONE = (stage, nanos, items) -> { };

    /**
     * Invoked by the analysis thread after each stage ran.
     *
     * @param items what the stage went through: faces for {@link Stage#FACE_RECOGNITION}, else 1
     */
    void spent(Stage stage, long nanos, int items);
}
