package org.gatewatch.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.http.AddressLimit;
import org.gatewatch.http.ErrorResponses;
import org.gatewatch.http.HttpError;

/**
 * A snapshot request waiting for a camera that had no fresh frame. It joins the hub as a viewer (which starts an
 * idle camera), answers with the first new frame, and holds no thread while it waits.
 */
final class SnapshotWaiter implements FrameViewer, AsyncListener {

    private static final Logger LOG = LogManager.getLogger(SnapshotWaiter.class);

    private final AsyncContext async;
    private final FrameHub hub;
    private final JpegFrame stale;
    private final AddressLimit.Slot slot;
    private final AtomicBoolean answered = new AtomicBoolean();

    /**
     * @param stale the newest frame at the time of the request (too old to be "now"), or null
     * @param slot  the client address's place, held while the snapshot waits and given back however it ends
     */
    SnapshotWaiter(AsyncContext async, FrameHub hub, JpegFrame stale, AddressLimit.Slot slot) {
        this.async = async;
        this.hub = hub;
        this.stale = stale;
        this.slot = slot;
    }

    /**
     * Invoked by a fan-out thread; the answer is written on a container thread. A frame newer than the stale one by
     * its capture time: the NO SIGNAL picture of a blind camera keeps its last frame's time and is no answer.
     */
    @Override
    public void offer(JpegFrame frame) {
        boolean newer = stale == null ? frame.captureMillis() > 0 : frame.captureMillis() > stale.captureMillis();
        if (newer && answered.compareAndSet(false, true)) {
            hub.removeViewer(this);
            async.start(() -> answer(frame));
        }
    }

    /** Invoked by a container thread when the wait is over: the stale frame is better than nothing. */
    @Override
    public void onTimeout(AsyncEvent event) {
        if (answered.compareAndSet(false, true)) {
            hub.removeViewer(this);
            answer(stale);
        }
    }

    private void answer(JpegFrame frame) {
        slot.release();
        HttpServletResponse resp = (HttpServletResponse) async.getResponse();
        try {
            if (frame == null) {
                ErrorResponses.send((HttpServletRequest) async.getRequest(), resp, new HttpError(503,
                        "camera '" + hub.cameraId() + "' has no frame yet; see /api/status for its state"));
            } else {
                write(resp, frame);
            }
        } catch (IOException e) {
            LOG.debug("Snapshot client of camera {} left: {}", hub.cameraId(), e.toString());
        } finally {
            async.complete();
        }
    }

    static void write(HttpServletResponse resp, JpegFrame frame) throws IOException {
        resp.setContentType("image/jpeg");
        // A camera's picture may show a face: "private" too, for caches that ignore no-store.
        resp.setHeader("Cache-Control", "private, no-store");
        resp.setHeader("X-Timestamp", Long.toString(frame.captureMillis()));
        resp.setHeader("X-Frame", Long.toString(frame.seq()));
        resp.setContentLength(frame.jpegLength());
        resp.getOutputStream().write(frame.part(), frame.jpegOffset(), frame.jpegLength());
    }

    @Override
    public void close() {
        slot.release();
        if (answered.compareAndSet(false, true)) {
            async.complete();
        }
    }

    /** Every end comes here, whatever ended it; the place is given back once (the slot ignores a second release). */
    @Override
    public void onComplete(AsyncEvent event) {
        hub.removeViewer(this);
        slot.release();
    }

    @Override
    public void onError(AsyncEvent event) {
        slot.release();
        if (answered.compareAndSet(false, true)) {
            hub.removeViewer(this);
            async.complete();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not re-dispatched.
    }
}
