package org.gatewatch.analysis;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opencv.core.Mat;

/**
 * Runs a camera's analysis on its own thread, on the newest frame only: while the analysis is busy, the capture
 * thread's newest frame waits for it, replacing the one that waited before (which is dropped for analysis; every
 * frame is still streamed), so analysis never slows the stream and never queues more than one frame.
 *
 * <p>Why one frame waits rather than none: a frame whose analysis takes a little longer than the frame interval would
 * otherwise leave the thread idle until the next capture, and the frame after it would be skipped even when the
 * analysis is, on average, well within its time. With one frame waiting the thread starts on it at once, so a camera
 * whose analysis jitters around its budget keeps its rate. A camera far behind (its last frame took more than
 * {@value #FAR_BEHIND_INTERVALS} frame intervals) gets no waiting frame and takes the next capture once free, as if
 * none waited: on a node whose cores are all taken, a frame ready at once would keep its thread always runnable and
 * take the cores from the cameras that do keep up, which measured worse for them (docs/benchmarks.md).
 *
 * <p>A frame that fails is logged and the next one is analysed. Should the thread die all the same (native code can
 * throw what Java does not declare), the death is counted, for the camera's watch to record as an event, and a new
 * thread takes over after a pause that doubles while deaths follow each other.
 */
public final class AnalysisWorker {

    private static final Logger LOG = LogManager.getLogger(AnalysisWorker.class);
    private static final long FIRST_RESTART_PAUSE_MILLIS = 100;
    private static final long MAX_RESTART_PAUSE_MILLIS = 30_000;
    /** An analysis longer than this many frame intervals: the camera cannot keep up. */
    static final int FAR_BEHIND_INTERVALS = 2;

    private final String cameraId;
    private final FrameAnalyzer analyzer;
    private final LongSupplier nanoClock;
    /** The frame being analysed: the analysis thread's alone (it swaps it with {@code waiting} under the monitor). */
    private Mat work = new Mat();
    /** The newest frame offered and not yet taken ({@code hasFrame}): written by the capture thread. */
    private Mat waiting = new Mat();
    private final LongAdder analyzed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder deaths = new LongAdder();
    private Thread thread;
    private long restartPauseMillis = FIRST_RESTART_PAUSE_MILLIS;
    private volatile String lastDeath;
    private boolean hasFrame;
    private boolean busy;
    /** The last analysis took more than {@link #FAR_BEHIND_INTERVALS} frame intervals. */
    private boolean farBehind;
    private boolean offeredBefore;
    private long lastOfferNanos;
    /** The time between offers, smoothed; 0 until two frames came. */
    private long intervalNanos;
    private boolean stopped;
    private long frameMillis;
    private volatile Overlay latest = Overlay.NONE;
    private volatile String lastError;
    private final RateMeter rate = new RateMeter();

    public AnalysisWorker(String cameraId, FrameAnalyzer analyzer) {
        this(cameraId, analyzer, System::nanoTime);
    }

    /** @param nanoClock what times the frame intervals and each analysis (a test's own clock) */
    AnalysisWorker(String cameraId, FrameAnalyzer analyzer, LongSupplier nanoClock) {
        this.cameraId = cameraId;
        this.analyzer = analyzer;
        this.nanoClock = nanoClock;
    }

    public synchronized void start() {
        if (thread != null || stopped) {
            return;
        }
        startThread(0);
    }

    private void startThread(long pauseMillis) {
        thread = new Thread(() -> run(pauseMillis), "gatewatch-analysis-" + cameraId);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Invoked by the capture thread with each frame. Copies it for analysis (one copy, into a buffer reused across
     * frames), where it replaces a frame that is still waiting: that one is dropped for analysis. While a camera far
     * behind is busy, the frame is dropped at once.
     */
    public void offer(Mat frame, long captureMillis) {
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (offeredBefore) {
                long gap = now - lastOfferNanos;
                intervalNanos = intervalNanos == 0 ? gap : (7 * intervalNanos + gap) / 8;
            }
            offeredBefore = true;
            lastOfferNanos = now;
            if (stopped || busy && farBehind) {
                dropped.increment();
                return;
            }
            if (hasFrame) {
                dropped.increment();
            }
            frame.copyTo(waiting);
            frameMillis = captureMillis;
            hasFrame = true;
            notifyAll();
        }
    }

    /** The newest result, drawn by the capture thread on every frame until the next one. */
    public Overlay latest() {
        return latest;
    }

    private void run(long pauseMillis) {
        try {
            if (!pausedUntilStopped(pauseMillis)) {
                return;
            }
            while (true) {
                long millis;
                synchronized (this) {
                    while (!hasFrame && !stopped) {
                        wait();
                    }
                    if (stopped) {
                        return;
                    }
                    hasFrame = false;
                    busy = true;
                    millis = frameMillis;
                    Mat taken = waiting;
                    waiting = work;
                    work = taken;
                }
                boolean done = false;
                long started = nanoClock.getAsLong();
                try {
                    latest = analyzer.analyze(work, millis);
                    done = true;
                } catch (RuntimeException | Error e) {
                    // One bad frame, even one that makes a model throw an Error, must not leave a gate unanalysed:
                    // the next frame is analysed as usual, and /api/status shows what went wrong.
                    lastError = e.toString();
                    LOG.warn("Analysis of camera {} failed on a frame", cameraId, e);
                } finally {
                    long took = nanoClock.getAsLong() - started;
                    synchronized (this) {
                        busy = false;
                        farBehind = intervalNanos > 0 && took > FAR_BEHIND_INTERVALS * intervalNanos;
                    }
                }
                if (done) {
                    analyzed.increment();
                    synchronized (this) {
                        restartPauseMillis = FIRST_RESTART_PAUSE_MILLIS;
                    }
                }
                rate.tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            died(t);
        }
    }

    /**
     * Waits on this worker's monitor, not by sleeping, so {@link #stop} ends the wait without an interrupt (which
     * would close the journal's file under a decision being recorded). False when the worker stopped meanwhile.
     */
    private synchronized boolean pausedUntilStopped(long pauseMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + pauseMillis;
        for (long left = pauseMillis; left > 0 && !stopped; left = end - System.currentTimeMillis()) {
            wait(left);
        }
        return !stopped;
    }

    /** The dying thread's last act: counts the death and hands over to a new thread, unless the worker stops. */
    private void died(Throwable cause) {
        lastDeath = cause.toString();
        deaths.increment();
        synchronized (this) {
            if (stopped) {
                return;
            }
            long pause = restartPauseMillis;
            restartPauseMillis = Math.min(MAX_RESTART_PAUSE_MILLIS, restartPauseMillis * 2);
            LOG.error("Analysis thread of camera {} died; a new one starts in {} ms", cameraId, pause, cause);
            startThread(pause);
        }
    }

    /** Stops and joins the thread, then releases the analyzer; idempotent. */
    public void stop() {
        Thread t;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.error("Analysis thread of camera {} did not stop within 10 s", cameraId);
                return;
            }
        }
        analyzer.close();
        synchronized (this) {
            work.release();
            waiting.release();
        }
    }

    /** What the newest failed frame threw, or null while no frame has failed. */
    public String lastError() {
        return lastError;
    }

    /** How many times the analysis thread died (and was replaced) since the start. */
    public long deaths() {
        return deaths.sum();
    }

    /** What the newest death was; null while none. */
    public String lastDeath() {
        return lastDeath;
    }

    public long framesAnalyzed() {
        return analyzed.sum();
    }

    public long framesDropped() {
        return dropped.sum();
    }

    /** In/out crossings of the counting line so far. */
    public long[] crossings() {
        return analyzer.crossings();
    }

    /** Frames analysed per second over the last two seconds. */
    public double fps() {
        return rate.rate();
    }
}
