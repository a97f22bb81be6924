package org.gatewatch.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import org.gatewatch.http.AddressLimit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One browser watching one camera. It holds at most one unsent frame: when the socket cannot take a frame, the
 * next offer replaces it, so a slow viewer skips frames instead of queueing them, and no thread waits for it.
 *
 * <p>The unsent frame is not kept here: a viewer notes its number, and takes it from the hub when the socket is
 * ready. Storing each new frame in thousands of long-lived viewers, ten times a second, kept the garbage collector's
 * card refinement busy: holding numbers cut it from 11 % to 8 % of the server's CPU at 3,000 viewers
 * (docs/benchmarks.md).
 *
 * <p>Threads: {@link #offer} runs on a fan-out thread; {@link #onWritePossible}, {@link #onError} and
 * {@link #onComplete} run on container threads. The monitor of this object orders them.
 */
final class MjpegViewer implements FrameViewer, WriteListener, AsyncListener {

    private static final Logger LOG = LogManager.getLogger(MjpegViewer.class);

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final FrameHub hub;
    private final ViewerLimit limit;
    private final AddressLimit.Slot addressSlot;
    private final String remote;
    private final long minIntervalNanos;
    private final long stallNanos;

    /** After this long without a frame, the last one is sent again (see {@link #keepAlive()}). */
    static final long KEEP_ALIVE_NANOS = 2_000_000_000L;

    /** The number of the frame waiting in the hub to be sent, or -1. */
    private long pendingSeq = -1;
    /** Bytes written to the response and not flushed yet: set by each write, cleared by the flush in drain. */
    private boolean unflushed;
    private long lastWriteNanos = System.nanoTime();
    private long lastSentSeq = -1;
    private long nextDueNanos;
    private long blockedSinceNanos;
    private long sent;
    private boolean closed;
    private boolean released;

    /** @param addressSlot this viewer's place in its client address's count; the global one is in {@code limit} */
    MjpegViewer(AsyncContext async, ServletOutputStream out, FrameHub hub, ViewerLimit limit,
                AddressLimit.Slot addressSlot, String remote, double fpsCap, long stallNanos) {
        this.async = async;
        this.out = out;
        this.hub = hub;
        this.limit = limit;
        this.addressSlot = addressSlot;
        this.remote = remote;
        this.minIntervalNanos = fpsCap > 0 ? (long) (1_000_000_000L / fpsCap) : 0;
        this.stallNanos = stallNanos;
    }

    /** Invoked by a fan-out thread with the hub's newest frame. */
    @Override
    public synchronized void offer(JpegFrame frame) {
        if (closed || frame.seq() <= lastSentSeq) {
            return;
        }
        if (pendingSeq >= 0) {
            hub.countSkipped();
        }
        pendingSeq = frame.seq();
        if (blockedSinceNanos != 0 && System.nanoTime() - blockedSinceNanos > stallNanos) {
            LOG.info("Dropping viewer {} of camera {}: its socket took nothing for {} s",
                    remote, hub.cameraId(), stallNanos / 1_000_000_000L);
            close();
            return;
        }
        drain();
    }

    /** Invoked by the keep-alive thread; resends the last frame when the camera has been silent a while. */
    @Override
    public synchronized void keepAlive() {
        long now = System.nanoTime();
        if (closed || pendingSeq >= 0 || now - lastWriteNanos < KEEP_ALIVE_NANOS) {
            return;
        }
        if (blockedSinceNanos != 0 && now - blockedSinceNanos > stallNanos) {
            LOG.info("Dropping viewer {} of camera {}: its socket took nothing for {} s",
                    remote, hub.cameraId(), stallNanos / 1_000_000_000L);
            close();
            return;
        }
        try {
            if (out.isReady()) {
                lastWriteNanos = now;
                if (lastSentSeq >= 0) {
                    JpegFrame last = hub.newest();
                    out.write(last.part());
                    lastSentSeq = last.seq();
                }
                unflushed = true;
                drain();
            } else if (blockedSinceNanos == 0) {
                blockedSinceNanos = now;
            }
        } catch (IOException e) {
            LOG.debug("Viewer {} of camera {} left: {}", remote, hub.cameraId(), e.toString());
            close();
        }
    }

    /** Invoked by a container thread when the socket can take more bytes. */
    @Override
    public synchronized void onWritePossible() {
        drain();
    }

    /**
     * Flushes what the last write left in the response, then sends the pending frame, as far as the socket takes
     * them. A write is always followed by a flush, at once or when the container says the socket drained: a part
     * larger than the response buffer leaves the socket busy, and its end would otherwise wait for the next frame.
     */
    private void drain() {
        try {
            while (!closed && (unflushed || pendingSeq >= 0)) {
                if (!out.isReady()) {
                    // The container calls onWritePossible when the socket drains; the newest frame waits in the hub.
                    if (blockedSinceNanos == 0) {
                        blockedSinceNanos = System.nanoTime();
                    }
                    return;
                }
                blockedSinceNanos = 0;
                if (unflushed) {
                    out.flush();
                    unflushed = false;
                } else {
                    send(hub.frame(pendingSeq));
                }
            }
        } catch (IOException e) {
            LOG.debug("Viewer {} of camera {} left: {}", remote, hub.cameraId(), e.toString());
            close();
        }
    }

    /** Writes {@code frame} unless the viewer's fps cap says it is too soon; the flush is left to {@link #drain}. */
    private void send(JpegFrame frame) throws IOException {
        pendingSeq = -1;
        long now = System.nanoTime();
        if (minIntervalNanos > 0) {
            if (now < nextDueNanos) {
                hub.countSkipped();
                return;
            }
            // Due times advance by the interval, not from "now", so jitter does not lower the rate.
            nextDueNanos = Math.max(nextDueNanos + minIntervalNanos, now - minIntervalNanos);
        }
        out.write(frame.part());
        unflushed = true;
        lastWriteNanos = now;
        lastSentSeq = frame.seq();
        sent++;
        hub.countSent();
    }

    /** Ends this viewer's response; safe from any thread, more than once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pendingSeq = -1;
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // Already completed or recycled by the container after an error: nothing left to end.
            LOG.debug("Viewer {} was already complete: {}", remote, e.getMessage());
        }
        release();
    }

    private void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            closed = true;
        }
        hub.removeViewer(this);
        limit.release();
        addressSlot.release();
        LOG.debug("Viewer {} of camera {} released after {} frames", remote, hub.cameraId(), sent);
    }

    /** Invoked by a container thread when the connection fails (the browser left). */
    @Override
    public void onError(Throwable t) {
        LOG.debug("Viewer {} of camera {} failed: {}", remote, hub.cameraId(), String.valueOf(t));
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        release();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not re-dispatched: nothing to do.
    }
}
