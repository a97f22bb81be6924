package org.gatewatch.people.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatewatch.analysis.faces.Gallery;
import org.junit.jupiter.api.Test;

/** The rebuild thread's contract with the live analysis: reads never wait, bursts fold, failures keep the old one. */
class GalleryRebuilderTest {

    private static final Duration NO_REFRESH = Duration.ZERO;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Gallery galleryOf(String... ids) {
        Gallery.Builder b = Gallery.builder();
        for (String id : ids) {
            b.add(id, new float[] {1, 0});
        }
        return b.build();
    }

    @Test
    void readersGetTheOldGalleryWithoutWaitingWhileABuildRunsThenTheNewOne() throws Exception {
        Gallery old = galleryOf("1");
        Gallery next = galleryOf("1", "2");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GalleryRebuilder r = new GalleryRebuilder("test-rebuild", old, before -> {
            started.countDown();
            release.await();
            return next;
        }, NO_REFRESH, Duration.ofSeconds(30))) {
            long ticket = r.request();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            assertSame(old, r.gallery());
            assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(50), "gallery() waited for the build");
            assertFalse(r.await(ticket, Duration.ofMillis(100)), "not built yet");
            assertTrue(r.busy(), "a build is running");
            release.countDown();
            assertTrue(r.await(ticket, WAIT));
            assertSame(next, r.gallery());
            assertEquals(1, r.generation());
            assertFalse(r.busy(), "nothing left to build");
        }
    }

    @Test
    void aBurstOfChangesDuringABuildCostsOneMoreBuildThatSeesThemAll() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GalleryRebuilder r = new GalleryRebuilder("test-rebuild", Gallery.empty(), before -> {
            int n = builds.incrementAndGet();
            if (n == 1) {
                started.countDown();
                release.await();
            }
            return galleryOf(Integer.toString(n));
        }, NO_REFRESH, Duration.ofSeconds(30))) {
            r.request();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            long last = 0;
            for (int i = 0; i < 50; i++) {
                last = r.request();
            }
            release.countDown();
            assertTrue(r.await(last, WAIT));
            assertEquals(2, builds.get(), "the 50 changes made during the first build are folded into one");
            assertEquals("2", r.gallery().personIds().iterator().next());
        }
    }

    @Test
    void aFailedBuildKeepsThePreviousGalleryAndIsRetried() throws Exception {
        Gallery old = galleryOf("7");
        Gallery next = galleryOf("7", "8");
        AtomicInteger attempts = new AtomicInteger();
        try (GalleryRebuilder r = new GalleryRebuilder("test-rebuild", old, before -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database unreachable");
            }
            return next;
        }, NO_REFRESH, Duration.ofMillis(500))) {
            long ticket = r.request();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (r.lastError() == null && attempts.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertSame(old, r.gallery(), "the live analysis keeps the last good gallery");
            assertTrue(r.await(ticket, WAIT), "the retry after 500 ms built it");
            assertSame(next, r.gallery());
            assertNull(r.lastError(), "a success clears the error");
            assertEquals(2, attempts.get());
        }
    }

    @Test
    void anUnchangedGalleryIsNotSwappedAndTheRefreshTimerAsksOnItsOwn() throws Exception {
        Gallery only = galleryOf("3");
        AtomicInteger builds = new AtomicInteger();
        try (GalleryRebuilder r = new GalleryRebuilder("test-rebuild", only, before -> {
            builds.incrementAndGet();
            return before;
        }, Duration.ofMillis(20), Duration.ofSeconds(30))) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (builds.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(builds.get() >= 3, "refreshed every 20 ms without being asked");
            assertSame(only, r.gallery());
            assertEquals(0, r.generation(), "the same gallery is not counted as a new one");
        }
    }

    @Test
    void closeStopsTheThreadIsIdempotentAndEndsWaits() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        GalleryRebuilder r = new GalleryRebuilder("test-rebuild-close", Gallery.empty(), before -> {
            started.countDown();
            Thread.sleep(60_000);
            return before;
        }, NO_REFRESH, Duration.ofSeconds(30));
        long ticket = r.request();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        r.close();
        r.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("test-rebuild-close") && t.isAlive()), "the thread is joined");
        assertFalse(r.await(ticket, WAIT), "a wait after close returns at once, unbuilt");
        r.request();
        assertSame(Gallery.empty(), r.gallery(), "the last gallery stays readable");
    }
    @Test
    void whenCurrentCompletesWithoutAWaitingThreadOnceTheBuildIsDone() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GalleryRebuilder r = new GalleryRebuilder("test-rebuild", Gallery.empty(), before -> {
            started.countDown();
            release.await();
            return galleryOf("1");
        }, NO_REFRESH, Duration.ofSeconds(30))) {
            r.request();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            CompletableFuture<Boolean> current = r.whenCurrent();
            assertFalse(current.isDone(), "the build still runs");
            release.countDown();
            assertTrue(current.get(5, TimeUnit.SECONDS));
            assertTrue(r.whenCurrent().isDone(), "nothing left to build: done at once");
        }
    }

    @Test
    void whenCurrentSaysFalseAtCloseAndForgetsWaitsThatWereGivenUp() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        GalleryRebuilder r = new GalleryRebuilder("test-rebuild-close", Gallery.empty(), before -> {
            started.countDown();
            Thread.sleep(60_000);
            return before;
        }, NO_REFRESH, Duration.ofSeconds(30));
        r.request();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 1000; i++) {
            r.whenCurrent().cancel(false);
        }
        CompletableFuture<Boolean> open = r.whenCurrent();
        assertEquals(1, r.waiting(), "the 1000 given-up waits are dropped");
        r.close();
        assertFalse(open.get(5, TimeUnit.SECONDS), "closed before the build finished");
        assertFalse(r.whenCurrent().get(), "after close: at once, unbuilt");
    }
}
