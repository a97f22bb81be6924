package org.gatewatch.people.enrollment;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    private final long notBefore;
    private final CompletableFuture<JpegFrame> frame = new CompletableFuture<>();

    private FreshFrame(long notBefore) {
        this.notBefore = notBefore;
    }

    /**
     * The JPEG of a fresh frame of {@code hub}, or empty if none came within {@code wait} (camera down or
     * reconnecting). Blocks the calling request thread: this is a rare administrator's action.
     */
    public static Optional<byte[]> take(FrameHub hub, Duration wait) {
        FreshFrame viewer = new FreshFrame(System.currentTimeMillis() - SLACK.toMillis());
        hub.addViewer(viewer);
        try {
            JpegFrame newest = hub.newest();
            if (newest != null) {
                viewer.offer(newest);
            }
            return Optional.of(viewer.frame.get(wait.toMillis(), TimeUnit.MILLISECONDS).jpeg());
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            hub.removeViewer(viewer);
        }
    }

    /** Invoked by a fan-out thread (or the waiting thread with the newest frame); never blocks. */
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
