package org.gatewatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** The analysis thread survives what a frame can make a model throw, and says what it was. */
class AnalysisWorkerTest {

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    @Test
    void anErrorOnOneFrameIsShownAndTheNextFramesAreAnalysed() throws InterruptedException {
        AnalysisWorker worker = new AnalysisWorker("t", failingOnTheSecondFrame(() -> {
            throw new StackOverflowError("crafted frame");
        }));
        Mat frame = new Mat(48, 64, CvType.CV_8UC3);
        try {
            worker.start();
            assertNull(worker.lastError());
            offerUntilAnalysed(worker, frame, 5);
            assertTrue(worker.framesAnalyzed() >= 5, "frames analysed after the failing one: " + worker.framesAnalyzed());
            assertEquals("java.lang.StackOverflowError: crafted frame", worker.lastError());
        } finally {
            worker.stop();
            frame.release();
        }
    }

    /**
     * Native code can throw a checked exception that no Java signature declares; it gets past the per-frame guard and
     * ends the thread. The death is counted (the camera's watch records it as ANALYSIS_DOWN) and a new thread goes on.
     */
    @Test
    void aThreadThatDiesIsCountedAndReplacedAndAnalysisGoesOn() throws InterruptedException {
        AnalysisWorker worker = new AnalysisWorker("t", failingOnTheSecondFrame(
                () -> throwUnchecked(new java.io.IOException("native read failed"))));
        Mat frame = new Mat(48, 64, CvType.CV_8UC3);
        try {
            worker.start();
            offerUntilAnalysed(worker, frame, 5);
            assertTrue(worker.framesAnalyzed() >= 5, "frames analysed after the death: " + worker.framesAnalyzed());
            assertEquals(1, worker.deaths());
            assertEquals("java.io.IOException: native read failed", worker.lastDeath());
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("gatewatch-analysis-t")).count(), "one analysis thread");
        } finally {
            worker.stop();
            frame.release();
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("gatewatch-analysis-t")), "stop ends the replacement too");
    }

    /** An analyzer that runs {@code failure} on its second frame and draws nothing on the others. */
    private static FrameAnalyzer failingOnTheSecondFrame(Runnable failure) {
        AtomicInteger calls = new AtomicInteger();
        return new FrameAnalyzer() {
            @Override
            public Overlay analyze(Mat frame, long captureMillis) {
                if (calls.incrementAndGet() == 2) {
                    failure.run();
                }
                return Overlay.NONE;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Offers the frame, as a capture thread does, until {@code n} frames were analysed (10 s at most). */
    private static void offerUntilAnalysed(AnalysisWorker worker, Mat frame, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (worker.framesAnalyzed() < n && System.nanoTime() < deadline) {
            worker.offer(frame, System.currentTimeMillis());
            Thread.sleep(5);
        }
    }

    /** Throws {@code t} whatever it is, as JNI code can. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void throwUnchecked(Throwable t) throws T {
        throw (T) t;
    }
}
