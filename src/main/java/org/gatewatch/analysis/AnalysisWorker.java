package org.gatewatch.analysis;

import java.util.concurrent.atomic.LongAdder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opencv.core.Mat;

/**
 * Runs a camera's analysis on its own thread, on the newest frame only, so analysis never slows the stream (every
 * frame is still streamed) and never queues more than one frame. While the machine has CPU to spare
 * ({@link SpareCpu}), the newest frame that came while the analysis was busy waits for it, replacing the one that
 * waited before (which is dropped for analysis); on a machine whose cores are all taken, such a frame is dropped.
 *
 * <p>Why one frame waits rather than none: a frame whose analysis takes a little longer than the frame interval would
 * otherwise leave the thread idle until the next capture, and the frame after it would be skipped even when the
 * analysis is, on average, well within its time. With one frame waiting the thread starts on it at once, so a camera
 * whose analysis jitters around its budget keeps its rate. Why only with CPU to spare: on a full machine a frame always
 * ready keeps the cameras that cannot keep up always runnable, and they take the cores from those that can; dropping
 * leaves a busy camera skipping frames on its own while the others keep their rate.
 *
 * <p>A frame that fails is logged and the next one is analysed. Should the thread die all the same (native code can
 * throw what Java does not declare), the death is counted, for the camera's watch to record as an event, and a new
 * thread takes over after a pause that doubles while deaths follow each other.
 */
public final class AnalysisWorker {

    private static final Logger LOG = LogManager.getLogger(AnalysisWorker.class);
    private static final long FIRST_RESTART_PAUSE_MILLIS = 100;
    private static final long MAX_RESTART_PAUSE_MILLIS = 30_000;

    private final String cameraId;
    private final FrameAnalyzer analyzer;
    private final SpareCpu cpu;
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
    private boolean stopped;
    private long frameMillis;
    private volatile Overlay latest = Overlay.NONE;
    private volatile String lastError;
    private final RateMeter rate = new RateMeter();

    public AnalysisWorker(String cameraId, FrameAnalyzer analyzer) {
        this(cameraId, SpareCpu.MACHINE, analyzer);
    }

    /** @param cpu asked whether a frame that comes while the analysis is busy may wait for it */
    AnalysisWorker(String cameraId, SpareCpu cpu, FrameAnalyzer analyzer) {
        this.cameraId = cameraId;
        this.analyzer = analyzer;
        this.cpu = cpu;
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
     * frames), where it replaces a frame that is still waiting: that one is dropped for analysis. While the analysis
     * is busy and the machine has no CPU to spare, the frame is dropped instead.
     */
    public void offer(Mat frame, long captureMillis) {
        synchronized (this) {
            if (stopped || (busy && !cpu.spare())) {
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
                try {
                    latest = analyzer.analyze(work, millis);
                    done = true;
                } catch (RuntimeException | Error e) {
                    // One bad frame, even one that makes a model throw an Error, must not leave a gate unanalysed:
                    // the next frame is analysed as usual, and /api/status shows what went wrong.
                    lastError = e.toString();
                    LOG.warn("Analysis of camera {} failed on a frame", cameraId, e);
                } finally {
                    synchronized (this) {
                        busy = false;
                    }
                }
                // Counted once the worker is free again, so whoever sees the count can offer the next frame.
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
