package org.gatewatch.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.gatewatch.http.HttpError;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.people.enrollment.FreshFrame;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.JpegFrame;

/**
 * "Take from camera", the same for the person page and the API: a fresh clean frame, or why there is none. The
 * wait (at most {@link Enrollment#CAMERA_WAIT}, waking an idle camera) holds no request thread: see {@link AsyncWait}.
 */
public final class TakeFromCamera {

    private static final String OUTCOME = TakeFromCamera.class.getName() + ".frame";

    private TakeFromCamera() {
    }

    /**
     * On the request's first pass, starts waiting for a frame of {@code cameraId} captured now and returns empty:
     * the caller returns at once, writing nothing, and the container calls it again with the same request when the
     * frame comes or the wait runs out. On that second pass, the frame's JPEG.
     *
     * @throws HttpError 404 when there is no such camera (at once), 503 when it gave no frame in time
     */
    public static Optional<byte[]> jpeg(HttpServletRequest req, String cameraId) {
        AsyncWait.Outcome<JpegFrame> done = AsyncWait.outcome(req, OUTCOME);
        if (done != null) {
            return Optional.of(done.value().orElseThrow(() -> new HttpError(503,
                    "camera '" + cameraId + "' gave no frame within " + Enrollment.CAMERA_WAIT.toSeconds()
                            + " s: see /api/status for its state")).jpeg());
        }
        FrameHub hub = Services.cameras(req.getServletContext()).cleanHub(cameraId)
                .orElseThrow(() -> new HttpError(404, "no camera '" + cameraId + "'"));
        FreshFrame viewer = FreshFrame.watch(hub);
        AsyncWait.start(req, OUTCOME, viewer.frame(), Enrollment.CAMERA_WAIT,
                Services.timers(req.getServletContext()), viewer::stop);
        return Optional.empty();
    }
}
