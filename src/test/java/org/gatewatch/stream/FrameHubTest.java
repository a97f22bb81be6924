package org.gatewatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameHubTest {

    private final ExecutorService fanOut = Executors.newFixedThreadPool(2);
    private final AtomicInteger demands = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        fanOut.shutdown();
        assertTrue(fanOut.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static JpegFrame frame(long seq) {
        return JpegFrame.of(seq, System.currentTimeMillis(), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) seq, (byte) 0xFF, (byte) 0xD9});
    }

    @Test
    void newestFrameWinsAndIsKeptForLateComers() {
        FrameHub hub = new FrameHub("cam", fanOut, 2, demands::incrementAndGet);
        assertNull(hub.newest());
        for (long i = 1; i <= 5; i++) {
            hub.publish(frame(i));
        }
        assertEquals(5, hub.newest().seq());
        assertEquals(5, hub.framesPublished());

        List<Long> got = new CopyOnWriteArrayList<>();
        hub.addViewer(f -> got.add(f.seq()));
        assertEquals(List.of(5L), got, "a new viewer gets the newest frame at once, not the backlog");
    }

    @Test
    void newViewerIsNotShownAFrameLeftFromBeforeTheCameraWentIdle() {
        // Bug pinned: a viewer opening an idle camera was first shown the frame left from before it went idle.
        FrameHub hub = new FrameHub("cam", fanOut, 1, demands::incrementAndGet);
        long old = System.currentTimeMillis() - FrameHub.FRESH_FOR_NEW_VIEWER_MS - 1_000;
        hub.publish(JpegFrame.of(1, old, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}));
        List<Long> got = new CopyOnWriteArrayList<>();
        hub.addViewer(f -> got.add(f.seq()));
        assertTrue(got.isEmpty(), "the stale frame is kept for snapshots, not shown as live");
        assertEquals(1, demands.get(), "the camera is asked for live frames");
    }

    @Test
    void viewerJoiningSignalsDemandAndLeavingStartsTheIdleClock() throws InterruptedException {
        FrameHub hub = new FrameHub("cam", fanOut, 2, demands::incrementAndGet);
        FrameViewer viewer = f -> { };
        hub.addViewer(viewer);
        assertEquals(1, demands.get());
        assertEquals(1, hub.viewerCount());
        assertTrue(hub.wantedWithin(Duration.ofMillis(1)), "wanted while a viewer is connected");
        hub.removeViewer(viewer);
        hub.removeViewer(viewer);
        assertEquals(0, hub.viewerCount(), "removing twice counts once");
        assertTrue(hub.wantedWithin(Duration.ofSeconds(10)));
        Thread.sleep(30);
        assertFalse(hub.wantedWithin(Duration.ofMillis(20)), "not wanted once idle longer than the idle time");
    }

    @Test
    void slowViewerSkipsFramesAndDoesNotDelayFastViewer() throws Exception {
        FrameHub hub = new FrameHub("cam", fanOut, 2, () -> { });
        List<Long> fast = new CopyOnWriteArrayList<>();
        AtomicLong slowLast = new AtomicLong();
        AtomicInteger slowCount = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        // The slow viewer is blocked inside offer (as a stuck socket would be, were writes blocking).
        hub.addViewer(f -> {
            slowCount.incrementAndGet();
            slowLast.set(f.seq());
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hub.addViewer(f -> fast.add(f.seq()));
        for (long i = 1; i <= 50; i++) {
            hub.publish(frame(i));
            Thread.sleep(2);
        }
        awaitTrue(() -> fast.contains(50L));
        release.countDown();
        awaitTrue(() -> slowLast.get() == 50);
        assertTrue(slowCount.get() < 50, "the slow viewer skipped frames: got " + slowCount.get());
        for (int i = 1; i < fast.size(); i++) {
            assertTrue(fast.get(i) > fast.get(i - 1), "frames arrive in order, never twice");
        }
    }

    @Test
    void manyConcurrentViewersAllReachTheNewestFrame() throws Exception {
        FrameHub hub = new FrameHub("cam", fanOut, 2, () -> { });
        int viewers = 500;
        List<AtomicLong> last = new ArrayList<>();
        ExecutorService joiners = Executors.newFixedThreadPool(4);
        for (int i = 0; i < viewers; i++) {
            AtomicLong seen = new AtomicLong();
            last.add(seen);
            joiners.execute(() -> hub.addViewer(f -> seen.accumulateAndGet(f.seq(), Math::max)));
        }
        for (long i = 1; i <= 100; i++) {
            hub.publish(frame(i));
        }
        joiners.shutdown();
        assertTrue(joiners.awaitTermination(5, TimeUnit.SECONDS));
        hub.publish(frame(101));
        awaitTrue(() -> last.stream().allMatch(a -> a.get() == 101));
        assertEquals(viewers, hub.viewerCount());
    }

    @Test
    void viewerThatThrowsIsDroppedAndOthersContinue() throws Exception {
        FrameHub hub = new FrameHub("cam", fanOut, 1, () -> { });
        List<Long> good = new CopyOnWriteArrayList<>();
        hub.addViewer(f -> {
            throw new IllegalStateException("broken viewer");
        });
        hub.addViewer(f -> good.add(f.seq()));
        hub.publish(frame(1));
        hub.publish(frame(2));
        awaitTrue(() -> good.contains(2L));
        awaitTrue(() -> hub.viewerCount() == 1);
        hub.publish(frame(3));
        awaitTrue(() -> good.contains(3L));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
