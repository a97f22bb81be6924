package org.gatewatch.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pool behind the cameras' shared liveness models, on stand-in models that count their loads and closes: a copy
 * is loaded only when a thread needs one and none is idle, never more than the maximum, never used by two threads
 * at once, and every copy is closed once, whether idle or busy when the pool closes.
 */
public class ModelPoolTest {

    /** A model that records how it was used. */
    static final class Copy implements AutoCloseable {
        final AtomicInteger users = new AtomicInteger();
        volatile int closes;

        @Override
        public void close() {
            closes++;
        }
    }

    private final List<Copy> loaded = new ArrayList<>();

    private synchronized Copy load() {
        Copy c = new Copy();
        loaded.add(c);
        return c;
    }

    @Test
    public void nothingIsLoadedUntilUsedAndOneCopyServesThreadsInTurn() {
        try (ModelPool<Copy> pool = new ModelPool<>("stand-in", this::load, 4)) {
            assertEquals(0, pool.loaded());
            Copy first = pool.use(c -> c);
            for (int i = 0; i < 10; i++) {
                assertSame(first, pool.use(c -> c));
            }
            assertEquals(1, pool.loaded());
            assertEquals(1, loaded.size());
        }
    }

    @Test
    public void neverMoreCopiesThanTheMaximumAndNeverTwoUsersOfOne() throws Exception {
        int max = 2;
        int threads = 6;
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger mostBusy = new AtomicInteger();
        // Two users at a time must meet inside the work: proves the pool lets the maximum run together.
        CyclicBarrier pair = new CyclicBarrier(max);
        ExecutorService pool6 = Executors.newFixedThreadPool(threads);
        try (ModelPool<Copy> pool = new ModelPool<>("stand-in", this::load, max)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool6.submit(() -> pool.use(c -> {
                    assertEquals(1, c.users.incrementAndGet(), "a copy used by two threads at once");
                    mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
                    try {
                        pair.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    busy.decrementAndGet();
                    c.users.decrementAndGet();
                    return null;
                })));
            }
            for (Future<?> run : runs) {
                run.get(20, TimeUnit.SECONDS);
            }
            assertEquals(max, mostBusy.get());
            assertEquals(max, loaded.size());
            assertEquals(max, pool.loaded());
        } finally {
            pool6.shutdownNow();
        }
        loaded.forEach(c -> assertEquals(1, c.closes, "each copy closed once"));
    }

    @Test
    public void closingClosesIdleCopiesAtOnceAndBusyOnesWhenTheirWorkEnds() throws Exception {
        ModelPool<Copy> pool = new ModelPool<>("stand-in", this::load, 2);
        CountDownLatch inUse = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<Copy> busy = one.submit(() -> pool.use(c -> {
                inUse.countDown();
                await(release);
                return c;
            }));
            assertTrue(inUse.await(10, TimeUnit.SECONDS));
            // The first copy is busy, so this use loads a second one, idle when it returns.
            Copy idle = pool.use(c -> c);
            assertEquals(2, loaded.size());
            pool.close();
            assertEquals(1, idle.closes, "the idle copy is closed by close()");
            Copy busyCopy = loaded.stream().filter(c -> c != idle).findFirst().orElseThrow();
            assertEquals(0, busyCopy.closes, "a copy in use is not closed under its user");
            release.countDown();
            assertSame(busyCopy, busy.get(10, TimeUnit.SECONDS));
            assertEquals(1, busyCopy.closes, "closed when its work ended");
            assertEquals(0, pool.loaded());
            assertThrows(IllegalStateException.class, () -> pool.use(c -> c));
            pool.close();
            assertEquals(1, idle.closes, "closing twice closes nothing twice");
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    public void aThreadWaitingForACopyFailsWhenThePoolCloses() throws Exception {
        ModelPool<Copy> pool = new ModelPool<>("stand-in", this::load, 1);
        CountDownLatch inUse = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            two.submit(() -> pool.use(c -> {
                inUse.countDown();
                await(release);
                return c;
            }));
            assertTrue(inUse.await(10, TimeUnit.SECONDS));
            Future<Copy> waiting = two.submit(() -> pool.use(c -> c));
            TimeUnit.MILLISECONDS.sleep(100);
            assertFalse(waiting.isDone(), "the only copy is busy: the second user waits");
            pool.close();
            Exception e = assertThrows(Exception.class, () -> waiting.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
            release.countDown();
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    public void aLoadThatFailsTakesNoPlaceAndTheNextUseTriesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        try (ModelPool<Copy> pool = new ModelPool<>("stand-in", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("model file unreadable");
            }
            return load();
        }, 1)) {
            assertThrows(IllegalStateException.class, () -> pool.use(c -> c));
            assertEquals(0, pool.loaded());
            pool.use(c -> c);
            assertEquals(1, pool.loaded());
            assertEquals(2, attempts.get());
        }
    }

    @Test
    public void aPoolHoldsAtLeastOneCopy() {
        assertThrows(IllegalArgumentException.class, () -> new ModelPool<>("stand-in", this::load, 0));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
