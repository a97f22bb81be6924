package org.gatewatch.events;

/**
 * What the gate decided about one walk-through, or what happened to a camera's sight: a gate that cannot see is
 * recorded like a decision, so the same trail, outputs and pages show it.
 */
public enum Decision {
    /** A recognised, active person inside their access windows. */
    GRANTED,
    /** A face that is unknown, inactive or outside its windows. */
    DENIED,
    /** Someone walked through and no face decision applies (counted, not judged). */
    PASSAGE,
    /** The camera's source gave no frame for {@code camera.<id>.downAfterSeconds}: nobody is seen there now. */
    CAMERA_DOWN,
    /** Frames flow again after a {@link #CAMERA_DOWN}. */
    CAMERA_UP,
    /** The camera's analysis thread died; a new one was started (the rule says why it died). */
    ANALYSIS_DOWN;

    /** Whether this is about a camera's sight or analysis, not about a person. */
    public boolean aboutCamera() {
        return this == CAMERA_DOWN || this == CAMERA_UP || this == ANALYSIS_DOWN;
    }
}
