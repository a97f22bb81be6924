package org.gatewatch.camera;

import java.time.Instant;
import org.gatewatch.capture.CaptureState;
import org.gatewatch.events.Decision;
import org.gatewatch.events.NewEvent;

/**
 * Whether one camera sees: down once its capture has run for {@code camera.<id>.downAfterSeconds} without a frame
 * (counted from the newest frame, or from when the capture started if that is later, so a camera started after a
 * long idle time is not down at once), up again when frames flow. A camera nobody asks for frames (idle) is neither.
 * Checked once a second; the caller records the event and then confirms the change, so a change that could not be
 * recorded is tried again at the next check.
 */
public final class CameraHealth {

    private final Camera camera;
    private final long downAfterMillis;
    private long capturingSince = -1;
    private boolean down;
    private long deathsRecorded;

    public CameraHealth(Camera camera) {
        this.camera = camera;
        this.downAfterMillis = camera.config().downAfterSeconds() * 1000L;
    }

    /** The event that the camera's sight calls for now ({@code CAMERA_DOWN} or {@code CAMERA_UP}), or null. */
    public NewEvent check(long nowMillis) {
        if (camera.captureState() == CaptureState.IDLE) {
            capturingSince = -1;
            return null;
        }
        if (capturingSince < 0) {
            capturingSince = nowMillis;
        }
        if (camera.seeing(nowMillis)) {
            return down ? event(Decision.CAMERA_UP, nowMillis, "frames again") : null;
        }
        long blindSince = Math.max(capturingSince, camera.lastFrameMillis());
        if (!down && nowMillis - blindSince >= downAfterMillis) {
            return event(Decision.CAMERA_DOWN, nowMillis, "no frame for " + (nowMillis - blindSince) / 1000 + " s");
        }
        return null;
    }

    /** The event from {@link #check} was recorded: the camera is now down (or up). */
    public void recorded(NewEvent event) {
        down = event.decision() == Decision.CAMERA_DOWN;
    }

    /**
     * An {@code ANALYSIS_DOWN} event when the camera's analysis thread died since the last one was recorded (a new
     * thread has taken over by then, or is about to), or null.
     */
    public NewEvent checkAnalysis(long nowMillis) {
        long deaths = camera.analysisDeaths();
        if (deaths <= deathsRecorded) {
            return null;
        }
        String times = deaths - deathsRecorded == 1 ? "" : " (" + (deaths - deathsRecorded) + " times)";
        return event(Decision.ANALYSIS_DOWN, nowMillis, "analysis thread died" + times + ": "
                + camera.analysisLastDeath() + "; restarted");
    }

    /** The event from {@link #checkAnalysis} was recorded. */
    public void analysisRecorded() {
        deathsRecorded = camera.analysisDeaths();
    }

    public String cameraId() {
        return camera.id();
    }

    private NewEvent event(Decision decision, long nowMillis, String rule) {
        return new NewEvent(camera.id(), Instant.ofEpochMilli(nowMillis), decision, null, null, null, rule, null,
                null, null);
    }
}
