package org.gatewatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * When a camera's analysis runs a little late, the newest frame waits for it and is analysed at once; when it is far
 * behind, it takes the next capture instead. The worker's clock is this test's, and each analysis is held until the
 * test lets it finish: nothing depends on this machine's speed.
 */
class AnalysisPaceTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final Semaphore entered = new Semaphore(0);
    private final Semaphore proceed = new Semaphore(0);

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    @Test
    void aLateFrameIsFollowedAtOnceAndAFarBehindOneWaitsForTheNextCapture() throws InterruptedException {
        AnalysisWorker worker = new AnalysisWorker("paced", new FrameAnalyzer() {
            @Override
            public Overlay analyze(Mat frame, long captureMillis) {
                entered.release();
                proceed.acquireUninterruptibly();
                return Overlay.NONE;
            }

            @Override
            public void close() {
            }
        }, now::get);
        Mat frame = new Mat(48, 64, CvType.CV_8UC3);
        try {
            worker.start();
            offerAt(worker, frame, 0);
            assertEntered("frame 1 is analysed");
            offerAt(worker, frame, 100); // frames 100 ms apart; frame 2 waits
            finishAt(400); // frame 1 took 400 ms, four intervals: far behind
            assertEntered("frame 2, which was already waiting, is analysed");
            offerAt(worker, frame, 500);
            assertEquals(1, worker.framesDropped(), "far behind and busy: frame 3 is dropped at once");
            finishAt(600); // frame 2 took 200 ms, within two intervals
            awaitAnalysed(worker, 2);
            assertFalse(entered.tryAcquire(200, TimeUnit.MILLISECONDS), "no frame waited: the worker waits for one");
            offerAt(worker, frame, 700);
            assertEntered("frame 4, the next capture, is analysed");
            offerAt(worker, frame, 750);
            finishAt(800); // 100 ms: a little late at most
            assertEntered("frame 5, which waited, is analysed at once, with no capture since");
            assertEquals(1, worker.framesDropped(), "nothing else was dropped");
            finishAt(850);
            awaitAnalysed(worker, 4);
        } finally {
            proceed.release(10);
            worker.stop();
            frame.release();
        }
    }

    private void offerAt(AnalysisWorker worker, Mat frame, long millis) {
        now.set(millis * MS);
        worker.offer(frame, millis);
    }

    private void finishAt(long millis) {
        now.set(millis * MS);
        proceed.release();
    }

    private void assertEntered(String what) throws InterruptedException {
        assertTrue(entered.tryAcquire(10, TimeUnit.SECONDS), what);
    }

    private static void awaitAnalysed(AnalysisWorker worker, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.framesAnalyzed() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(count, worker.framesAnalyzed(), "frames analysed");
    }
}
