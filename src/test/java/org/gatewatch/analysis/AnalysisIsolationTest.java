package org.gatewatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A camera whose analysis cannot keep up skips frames on its own: another camera's analysis goes on analysing every
 * frame it is offered. While the machine has CPU to spare, the newest frame that came meanwhile waits for the busy
 * camera; on a full machine it is dropped too. Deterministic: the overloaded camera's analysis is held on a latch, not
 * timed, and the machine's load is given.
 */
class AnalysisIsolationTest {

    private static final int FRAMES = 50;

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    private static final SpareCpu SPARE = new SpareCpu(() -> 0.5, System::nanoTime);
    private static final SpareCpu FULL = new SpareCpu(() -> 0.97, System::nanoTime);

    @Test
    void anOverloadedCameraSkipsItsFramesWhileAnotherAnalysesAllOfItsOwn() throws InterruptedException {
        overloaded(SPARE, FRAMES - 1, 2);
    }

    @Test
    void onAFullMachineTheBusyCameraKeepsNoFrameWaiting() throws InterruptedException {
        overloaded(FULL, FRAMES, 1);
    }

    /**
     * One camera held on its first frame while {@link #FRAMES} more come; then released. {@code dropped} of them are
     * dropped, and the camera has analysed {@code analysedAfter} frames once it is free again.
     */
    private static void overloaded(SpareCpu cpu, int dropped, int analysedAfter) throws InterruptedException {
        CountDownLatch busyEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AnalysisWorker busy = new AnalysisWorker("busy", cpu, analyzer(() -> {
            busyEntered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        AnalysisWorker quiet = new AnalysisWorker("quiet", cpu, analyzer(() -> { }));
        Mat frame = new Mat(48, 64, CvType.CV_8UC3);
        try {
            busy.start();
            quiet.start();
            busy.offer(frame, 0);
            assertTrue(busyEntered.await(10, TimeUnit.SECONDS), "the busy camera's analysis began");
            for (int i = 1; i <= FRAMES; i++) {
                busy.offer(frame, i);
                quiet.offer(frame, i);
                awaitAnalysed(quiet, i);
            }
            assertEquals(FRAMES, quiet.framesAnalyzed(), "the quiet camera analysed every frame");
            assertEquals(0, quiet.framesDropped(), "the quiet camera skipped none");
            assertEquals(0, busy.framesAnalyzed(), "the busy camera is still on its first frame");
            assertEquals(dropped, busy.framesDropped(), "frames the busy camera skipped meanwhile");
            release.countDown();
            awaitAnalysed(busy, analysedAfter);
            Thread.sleep(200);
            assertEquals(analysedAfter, busy.framesAnalyzed(), "frames the busy camera analysed once free");
            assertEquals(dropped, busy.framesDropped(), "nothing else dropped");
        } finally {
            release.countDown();
            busy.stop();
            quiet.stop();
            frame.release();
        }
    }

    /** Waits until {@code worker} has analysed {@code count} frames: the next offer then finds it free. */
    private static void awaitAnalysed(AnalysisWorker worker, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.framesAnalyzed() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(count, worker.framesAnalyzed(), "frames analysed");
    }

    private static FrameAnalyzer analyzer(Runnable work) {
        return new FrameAnalyzer() {
            @Override
            public Overlay analyze(Mat frame, long captureMillis) {
                work.run();
                return Overlay.NONE;
            }

            @Override
            public void close() {
            }
        };
    }
}
