package org.gatewatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The capture thread's lifecycle with sources that fail on purpose: faults a real camera causes only by luck
 * (a refused connection, a stream that ends) are scripted here; the ITs cover the same with real servers.
 */
class CaptureWorkerTest {

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    /** A source that fails to open {@code failures} times, then gives {@code frames} frames and ends. */
    private static final class ScriptedSource implements FrameSource {
        private final AtomicInteger opens;
        private final int failures;
        private final int frames;
        private final Mat frame = new Mat(4, 4, CvType.CV_8UC3);
        private int given;

        ScriptedSource(AtomicInteger opens, int failures, int frames) {
            this.opens = opens;
            this.failures = failures;
            this.frames = frames;
        }

        @Override
        public void open() throws IOException {
            if (opens.incrementAndGet() <= failures) {
                throw new IOException("connection refused (scripted)");
            }
        }

        @Override
        public Mat grab() throws IOException {
            if (given++ >= frames) {
                return null;
            }
            sleep(5);
            return frame;
        }

        @Override
        public double fps() {
            return 200;
        }

        @Override
        public void close() {
            frame.release();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            sleep(5);
        }
    }

    @Test
    void failingSourceIsReopenedWithBackOffAndStateSaysSo() {
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        List<CaptureState> seen = new CopyOnWriteArrayList<>();
        CaptureWorker worker = new CaptureWorker("t", () -> new ScriptedSource(opens, 3, 1_000_000),
                (m, t) -> delivered.incrementAndGet(), () -> true, 0, Duration.ofSeconds(10));
        Thread watcher = new Thread(() -> {
            while (delivered.get() < 20) {
                CaptureState s = worker.state();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != s) {
                    seen.add(s);
                }
                sleep(1);
            }
        });
        long start = System.nanoTime();
        worker.ensureRunning();
        watcher.start();
        await(() -> delivered.get() >= 20, "frames after three failed opens");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        worker.stop();
        assertEquals(4, opens.get());
        // Back-off 0.5 s, 1 s, 2 s between the failed opens.
        assertTrue(elapsedMs >= 3_400, "waited with back-off: " + elapsedMs + " ms");
        assertTrue(seen.contains(CaptureState.RECONNECTING), seen.toString());
        assertTrue(seen.contains(CaptureState.ERROR), "three failures in a row say error: " + seen);
        assertEquals(CaptureState.STREAMING, seen.get(seen.size() - 1));
        assertEquals("connection refused (scripted)", worker.lastError());
    }

    @Test
    void lastErrorNeverShowsASourcePassword() {
        CaptureWorker worker = new CaptureWorker("t", () -> new FrameSource() {
            @Override
            public void open() throws IOException {
                throw new IOException("Could not open input \"rtsp://user:s3cret@10.0.0.7/x\"");
            }

            @Override
            public Mat grab() {
                return null;
            }

            @Override
            public double fps() {
                return 0;
            }

            @Override
            public void close() {
            }
        }, (m, t) -> { }, () -> true, 0, Duration.ofSeconds(10));
        worker.ensureRunning();
        await(() -> worker.lastError() != null, "a failed open");
        worker.stop();
        assertEquals("Could not open input \"rtsp://user:***@10.0.0.7/x\"", worker.lastError());
    }

    @Test
    void anErrorInAFrameReopensTheSourceInsteadOfEndingTheThread() {
        // A crafted frame that makes a native stage throw an Error must not leave the camera dead.
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        CaptureWorker worker = new CaptureWorker("t", () -> new ScriptedSource(opens, 0, 1_000_000), (m, t) -> {
            if (delivered.incrementAndGet() == 3) {
                throw new AssertionError("crafted frame");
            }
        }, () -> true, 0, Duration.ofSeconds(10));
        worker.ensureRunning();
        await(() -> delivered.get() >= 10, "frames after the failing one");
        String error = worker.lastError();
        worker.stop();
        assertTrue(opens.get() >= 2, "the source was reopened");
        assertTrue(error != null && error.contains("crafted frame"), error);
    }

    /** The metrics' reconnect counter: one per reopen after a failure, none once frames flow. */
    @Test
    void everyReopenAfterAFailureIsCounted() {
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        CaptureWorker worker = new CaptureWorker("t", () -> new ScriptedSource(opens, 2, 1_000_000),
                (m, t) -> delivered.incrementAndGet(), () -> true, 0, Duration.ofSeconds(10));
        assertEquals(0, worker.reconnects());
        worker.ensureRunning();
        await(() -> delivered.get() >= 20, "frames after two failed opens");
        worker.stop();
        assertEquals(3, opens.get());
        assertEquals(2, worker.reconnects());
    }

    @Test
    void sourceThatEndsIsReopened() {
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        CaptureWorker worker = new CaptureWorker("t", () -> new ScriptedSource(opens, 0, 5),
                (m, t) -> delivered.incrementAndGet(), () -> true, 0, Duration.ofSeconds(10));
        worker.ensureRunning();
        await(() -> delivered.get() >= 12, "frames from three openings");
        worker.stop();
        assertTrue(opens.get() >= 3);
        assertEquals("source ended", worker.lastError());
    }

    @Test
    void threadStopsWhenNoLongerWantedAndStartsAgain() {
        AtomicBoolean wanted = new AtomicBoolean(true);
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger opens = new AtomicInteger();
        CaptureWorker worker = new CaptureWorker("idle-test", () -> new ScriptedSource(opens, 0, 1_000_000),
                (m, t) -> delivered.incrementAndGet(), wanted::get, 0, Duration.ofSeconds(1));
        worker.ensureRunning();
        worker.ensureRunning();
        await(() -> delivered.get() > 5, "frames");
        wanted.set(false);
        await(() -> worker.state() == CaptureState.IDLE, "idle after demand ended");
        await(() -> threads("gatewatch-capture-idle-test").isEmpty(), "the thread ended");
        int frozen = delivered.get();
        sleep(100);
        assertEquals(frozen, delivered.get(), "no capture while idle");

        wanted.set(true);
        worker.ensureRunning();
        await(() -> delivered.get() > frozen + 5, "frames again");
        assertEquals(1, threads("gatewatch-capture-idle-test").size(), "one thread, never two");
        worker.stop();
        worker.stop();
        await(() -> threads("gatewatch-capture-idle-test").isEmpty(), "stopped for good");
        worker.ensureRunning();
        assertTrue(threads("gatewatch-capture-idle-test").isEmpty(), "a stopped worker does not start again");
    }

    @Test
    void fpsCapDropsFramesBeforeTheSink() {
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger opens = new AtomicInteger();
        CaptureWorker worker = new CaptureWorker("cap", () -> new ScriptedSource(opens, 0, 1_000_000),
                (m, t) -> delivered.incrementAndGet(), () -> true, 20, Duration.ofSeconds(10));
        worker.ensureRunning();
        sleep(1_000);
        worker.stop();
        assertTrue(worker.framesCaptured() > 100, "the source gave about 200 fps: " + worker.framesCaptured());
        assertTrue(delivered.get() >= 15 && delivered.get() <= 25, "about 20 in 1 s: " + delivered.get());
    }

    private static List<Thread> threads(String name) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name) && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }
}
