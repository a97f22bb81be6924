package org.gatewatch.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.gatewatch.config.LogText;
import org.gatewatch.http.AddressLimit;
import org.gatewatch.http.ErrorResponses;
import org.gatewatch.http.HttpError;

/**
 * {@code /video_feed} (the first camera, the seed's URL), {@code /cameras/{id}/video_feed} and
 * {@code /cameras/{id}/snapshot.jpg}. The stream is asynchronous: the request thread returns at once and frames are
 * written by fan-out threads without blocking.
 */
public final class CameraServlet extends HttpServlet {

    /** How long a snapshot waits for a camera that was idle to deliver a frame. */
    static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(15);
    /** A frame older than this is not "now": a snapshot asks the camera for a fresh one. */
    static final Duration SNAPSHOT_FRESH = Duration.ofSeconds(2);

    /** Seconds a refused viewer is told to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private transient HubDirectory directory;
    private int bufferBytes;
    private long stallNanos;

    @Override
    public void init() throws ServletException {
        directory = (HubDirectory) getServletContext().getAttribute(HubDirectory.ATTRIBUTE);
        if (directory == null) {
            throw new ServletException("GateWatch did not start (no cameras): see the log for the cause");
        }
        bufferBytes = directory.streamConfig().bufferBytes();
        stallNanos = Duration.ofSeconds(directory.streamConfig().stallSeconds()).toNanos();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            if ("/video_feed".equals(req.getServletPath())) {
                stream(directory.firstHub().atWidth(widthParam(req)), req, resp);
                return;
            }
            String[] parts = String.valueOf(req.getPathInfo()).split("/");
            if (parts.length != 3 || !parts[0].isEmpty()) {
                throw new HttpError(404, "no such resource; use /cameras/{id}/video_feed or /cameras/{id}/snapshot.jpg");
            }
            boolean overlay = overlayParam(req.getParameter("overlay"));
            int width = widthParam(req);
            FrameHub hub = (overlay ? directory.hub(parts[1]) : directory.cleanHub(parts[1]))
                    .orElseThrow(() -> new HttpError(404, "no camera '" + parts[1] + "'")).atWidth(width);
            switch (parts[2]) {
                case "video_feed" -> stream(hub, req, resp);
                case "snapshot.jpg" -> snapshot(hub, req, resp);
                default -> throw new HttpError(404, "no resource '" + parts[2] + "' for camera '" + parts[1] + "'");
            }
        } catch (HttpError e) {
            ErrorResponses.send(req, resp, e);
        }
    }

    private void stream(FrameHub hub, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        double fps = fpsParam(req.getParameter("fps"));
        AddressLimit.Slot slot = directory.viewersPerAddress().acquire(req.getRemoteAddr(), "streams", resp,
                RETRY_AFTER_SECONDS);
        ViewerLimit limit = directory.viewerLimit();
        if (!limit.tryAcquire()) {
            slot.release();
            resp.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            throw new HttpError(429, "too many viewers: the limit is " + limit.max() + " (stream.maxViewers)");
        }
        MjpegViewer viewer = null;
        try {
            resp.setContentType(MjpegPart.CONTENT_TYPE);
            resp.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0");
            resp.setHeader("Pragma", "no-cache");
            resp.setHeader("X-Accel-Buffering", "no");
            // Without a length Tomcat would chunk an endless body; closing ends the response instead.
            resp.setHeader("Connection", "close");
            // One whole part fits the buffer, so each frame is one socket write rather than many 8 KiB ones.
            resp.setBufferSize(bufferBytes);
            // Headers now, before the first frame: a browser (or proxy) watching a camera that is still connecting
            // knows at once that it is connected rather than waiting on a silent socket.
            resp.flushBuffer();

            AsyncContext async = req.startAsync();
            async.setTimeout(0);
            ServletOutputStream out = resp.getOutputStream();
            // Behind a proxy's valve the address is a header's value: encoded for the viewer's log lines.
            String remote = LogText.encode(req.getRemoteAddr()) + ":" + req.getRemotePort();
            viewer = new MjpegViewer(async, out, hub, limit, slot, remote, fps, stallNanos);
            async.addListener(viewer);
            out.setWriteListener(viewer);
            hub.addViewer(viewer);
        } catch (IOException | RuntimeException e) {
            // The client left before its viewer could take over the places: give them back here, once.
            if (viewer != null) {
                viewer.close();
            } else {
                limit.release();
                slot.release();
            }
            throw e;
        }
    }

    /** {@code ?width=N} or {@code ?size=}: the fixed width of the picture asked for ({@link StreamWidth}). */
    private static int widthParam(HttpServletRequest req) {
        return StreamWidth.parse(req.getParameter("width"), req.getParameter("size"));
    }

    private static boolean overlayParam(String raw) {
        if (raw == null || raw.equals("1") || raw.equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.equals("0") || raw.equalsIgnoreCase("false")) {
            return false;
        }
        throw new HttpError(400, "overlay must be 0 or 1, not '" + raw + "'", "overlay");
    }

    private static double fpsParam(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            double fps = Double.parseDouble(raw);
            if (fps > 0 && fps <= 120) {
                return fps;
            }
        } catch (NumberFormatException e) {
            // Falls through to the one error below.
        }
        throw new HttpError(400, "fps must be a number above 0 and at most 120, not '" + raw + "'", "fps");
    }

    /**
     * The newest frame if it is fresh; otherwise the first new one, waited for without holding a thread. The wait
     * holds a place of the client's address ({@code stream.maxViewersPerAddress}), as a stream does.
     */
    private void snapshot(FrameHub hub, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JpegFrame frame = hub.newest();
        if (frame != null && System.currentTimeMillis() - frame.captureMillis() <= SNAPSHOT_FRESH.toMillis()) {
            hub.touch();
            SnapshotWaiter.write(resp, frame);
            return;
        }
        AddressLimit.Slot slot = directory.viewersPerAddress().acquire(req.getRemoteAddr(), "streams", resp,
                RETRY_AFTER_SECONDS);
        try {
            AsyncContext async = req.startAsync();
            async.setTimeout(SNAPSHOT_WAIT.toMillis());
            SnapshotWaiter waiter = new SnapshotWaiter(async, hub, frame, slot);
            async.addListener(waiter);
            hub.addViewer(waiter);
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
    }
}
