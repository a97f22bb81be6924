package org.gatewatch.web;

import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.http.HttpError;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.people.enrollment.FreshFrame;
import org.gatewatch.stream.FrameHub;

/** "Take from camera", the same for the person page and the API: a fresh clean frame, or why there is none. */
public final class TakeFromCamera {

    private TakeFromCamera() {
    }

    /**
     * The JPEG of a frame of {@code cameraId} captured now, waking an idle camera; blocks the request thread for
     * at most {@link Enrollment#CAMERA_WAIT}.
     *
     * @throws HttpError 404 when there is no such camera, 503 when it gave no frame in time
     */
    public static byte[] jpeg(CameraRegistry cameras, String cameraId) {
        FrameHub hub = cameras.cleanHub(cameraId)
                .orElseThrow(() -> new HttpError(404, "no camera '" + cameraId + "'"));
        return FreshFrame.take(hub, Enrollment.CAMERA_WAIT).orElseThrow(() -> new HttpError(503,
                "camera '" + cameraId + "' gave no frame within " + Enrollment.CAMERA_WAIT.toSeconds()
                        + " s: see /api/status for its state"));
    }
}
