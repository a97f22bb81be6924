package org.gatewatch.capture;

import java.util.Locale;

/** A camera's capture state, as the status API names it (lower case). */
public enum CaptureState {
    /** No capture thread: nobody is watching. */
    IDLE,
    /** The thread is opening the source for the first time. */
    STARTING,
    /** Frames are flowing. */
    STREAMING,
    /** The source failed or ended and is being reopened with back-off. */
    RECONNECTING,
    /** Several reopen attempts in a row failed; still retrying, at the longest back-off. */
    ERROR;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
