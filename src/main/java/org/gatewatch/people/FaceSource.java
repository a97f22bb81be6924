package org.gatewatch.people;

/** Where a face image came from. */
public enum FaceSource {
    /** Sent by a user through the API or the person page. */
    UPLOAD,
    /** Taken from a live camera's newest frame. */
    CAMERA
}
