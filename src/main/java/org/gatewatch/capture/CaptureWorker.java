package org.gatewatch.capture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.Secrets;
import org.opencv.core.Mat;

/**
 * A camera's capture thread: opens the source, hands each frame to the sink, reopens a failed or ended source with
 * bounded back-off, and stops once nobody wants frames any more. It starts again on the next
 * {@link #ensureRunning()}.
 */
public final class CaptureWorker {

    private static final Logger LOG = LogManager.getLogger(CaptureWorker.class);

    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(10);
    /** Failed opens in a row before the state says {@code error} rather than {@code reconnecting}. */
    static final int FAILURES_BEFORE_ERROR = 3;
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final String cameraId;
    private final Supplier<FrameSource> sources;
    private final FrameSink sink;
    private final BooleanSupplier wanted;
    private final long minFrameNanos;
    private final Duration idle;
    private final Object lock = new Object();

    private Thread thread;
    private boolean running;
    private boolean stopped;
    private volatile FrameSource current;
    private volatile CaptureState state = CaptureState.IDLE;
    private volatile String lastError;
    private volatile double sourceFps;
    private volatile long framesCaptured;
    /** Written by the capture thread only, as framesCaptured. */
    private volatile long reconnects;

    /**
     * @param sources makes a fresh source for every (re)open
     * @param wanted  true while someone wants frames (viewers within the idle time, or analysis always on)
     * @param fpsCap  frames above this rate are dropped before the sink; 0 keeps all
     * @param idle    only for the log line that says why the thread stopped
     */
    public CaptureWorker(String cameraId, Supplier<FrameSource> sources, FrameSink sink, BooleanSupplier wanted,
                         double fpsCap, Duration idle) {
        this.cameraId = cameraId;
        this.sources = sources;
        this.sink = sink;
        this.wanted = wanted;
        this.minFrameNanos = fpsCap > 0 ? (long) (1_000_000_000L / fpsCap) : 0;
        this.idle = idle;
    }

    /** Starts the capture thread unless it runs. Invoked when a viewer arrives; cheap when already running. */
    public void ensureRunning() {
        synchronized (lock) {
            if (running || stopped) {
                return;
            }
            running = true;
            state = CaptureState.STARTING;
            thread = new Thread(this::run, "gatewatch-capture-" + cameraId);
            thread.setDaemon(true);
            thread.start();
            LOG.info("Starting camera {}", cameraId);
        }
    }

    /** Stops the thread for good and waits for it; idempotent. Invoked at application shutdown. */
    public void stop() {
        Thread t;
        synchronized (lock) {
            stopped = true;
            t = thread;
        }
        if (t == null) {
            return;
        }
        t.interrupt();
        FrameSource s = current;
        if (s != null) {
            s.abort();
        }
        try {
            t.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.error("Capture thread of camera {} did not stop within {}", cameraId, JOIN_TIMEOUT);
        }
    }

    private void run() {
        try {
            while (true) {
                captureWhileWanted();
                synchronized (lock) {
                    // Decided under the lock that ensureRunning takes, so a viewer arriving now is never lost.
                    if (stopped || !wanted.getAsBoolean()) {
                        running = false;
                        state = CaptureState.IDLE;
                        return;
                    }
                }
            }
        } catch (Throwable t) {
            // An Error here (a native library missing) would otherwise kill the thread silently.
            LOG.error("Capture thread of camera {} died", cameraId, t);
            lastError = Secrets.maskUrl(String.valueOf(t));
            synchronized (lock) {
                running = false;
                state = CaptureState.ERROR;
            }
        }
    }

    private void captureWhileWanted() {
        Backoff backoff = new Backoff(FIRST_RETRY, LONGEST_RETRY);
        int failures = 0;
        while (!isStopped() && wanted.getAsBoolean()) {
            FrameSource source = null;
            try {
                source = sources.get();
                current = source;
                source.open();
                sourceFps = source.fps();
                if (stream(source, backoff)) {
                    LOG.info("Stopping camera {} after {} s with no viewer", cameraId, idle.toSeconds());
                    return;
                }
                lastError = "source ended";
                failures = 0;
                LOG.warn("Camera {}: source ended; reopening", cameraId);
            } catch (Exception | Error e) {
                // An Error from a source or from a frame's encoding (a native library, a crafted frame) is one more
                // failure: the source is reopened after the back-off, and lastError shows it.
                if (isStopped()) {
                    LOG.debug("Camera {} source closed by shutdown: {}", cameraId, e.toString());
                    return;
                }
                failures++;
                // Sources mask their URL; a message from a library quoting it is masked here once more.
                lastError = Secrets.maskUrl(e.getMessage() == null ? e.toString() : e.getMessage());
                LOG.warn("Camera {}: source failed ({} in a row): {}", cameraId, failures, lastError);
                LOG.debug("Camera {} source failure", cameraId, e);
            } finally {
                current = null;
                if (source != null) {
                    source.close();
                }
            }
            if (isStopped()) {
                return;
            }
            state = failures >= FAILURES_BEFORE_ERROR ? CaptureState.ERROR : CaptureState.RECONNECTING;
            reconnects++;
            if (!sleepWhileWanted(backoff.nextDelayMillis())) {
                return;
            }
        }
    }

    /** Grabs until the source ends (false) or nobody wants frames any more (true). */
    private boolean stream(FrameSource source, Backoff backoff) throws Exception {
        long nextDue = 0;
        while (!isStopped()) {
            if (!wanted.getAsBoolean()) {
                return true;
            }
            Mat frame = source.grab();
            if (frame == null) {
                return false;
            }
            long captureMillis = System.currentTimeMillis();
            framesCaptured++;
            if (state != CaptureState.STREAMING) {
                state = CaptureState.STREAMING;
                backoff.reset();
                LOG.info("Camera {} streaming at {} fps", cameraId, String.format("%.1f", source.fps()));
            }
            sourceFps = source.fps();
            long now = System.nanoTime();
            if (minFrameNanos > 0) {
                if (now < nextDue) {
                    continue;
                }
                nextDue = Math.max(nextDue + minFrameNanos, now - minFrameNanos);
            }
            sink.accept(frame, captureMillis);
        }
        return true;
    }

    /** Sleeps in short slices; false if stopped or no longer wanted meanwhile. */
    private boolean sleepWhileWanted(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (isStopped() || !wanted.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    public CaptureState state() {
        return state;
    }

    public String lastError() {
        return lastError;
    }

    public double sourceFps() {
        return sourceFps;
    }

    public long framesCaptured() {
        return framesCaptured;
    }

    /** Reopens after the source failed or ended, since the camera was made. */
    public long reconnects() {
        return reconnects;
    }
}
