package org.gatewatch.people.enrollment;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.FrameViewer;
import org.gatewatch.stream.JpegFrame;

/**
 * The picture a camera sees now, for "take from camera": the newest frame if it was captured after the request
 * (less {@link #SLACK}), else the next one. It joins the hub as a viewer for the wait, which wakes an idle camera.
 */
public final class FreshFrame implements FrameViewer {

    /** A frame captured this shortly before the request still shows who stands there now. */
    static final Duration SLACK = Duration.ofMillis(500);

    private final FrameHub hub;
    private final long notBefore;
    private final CompletableFuture<JpegFrame> frame = new CompletableFuture<>();

    private FreshFrame(FrameHub hub, long notBefore) {
        this.hub = hub;
        this.notBefore = notBefore;
    }

    /**
     * Starts watching {@code hub} for a fresh frame (waking an idle camera) and returns at once; the viewer's
     * {@link #frame()} completes with it, or exceptionally when the camera stops. The caller ends the watch with
     * {@link #stop()} however the wait ends: it holds no thread while it waits.
     */
    public static FreshFrame watch(FrameHub hub) {
        FreshFrame viewer = new FreshFrame(hub, System.currentTimeMillis() - SLACK.toMillis());
        hub.addViewer(viewer);
        JpegFrame newest = hub.newest();
        if (newest != null) {
            viewer.offer(newest);
        }
        return viewer;
    }

    /** Completes with the first fresh frame; never completed by the caller's timeout (that is the caller's). */
    public CompletableFuture<JpegFrame> frame() {
        return frame;
    }

    /** Leaves the hub; safe more than once and from any thread. */
    public void stop() {
        hub.removeViewer(this);
    }

    /** Invoked by a fan-out thread (or the request thread with the newest frame); never blocks. */
    @Override
    public void offer(JpegFrame candidate) {
        if (candidate.captureMillis() >= notBefore) {
            frame.complete(candidate);
        }
    }

    /** Invoked when the camera shuts down: the wait ends with no frame. */
    @Override
    public void close() {
        frame.completeExceptionally(new IllegalStateException("camera stopped"));
    }
}
