package org.gatewatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AddressLimitTest {

    @Test
    void anAddressGetsUpToTheMaximumAndAnotherAddressIsCountedApart() {
        AddressLimit limit = new AddressLimit(2, "stream.maxViewersPerAddress");
        assertNotNull(limit.tryAcquire("10.0.0.1"));
        assertNotNull(limit.tryAcquire("10.0.0.1"));
        assertNull(limit.tryAcquire("10.0.0.1"));
        assertNotNull(limit.tryAcquire("10.0.0.2"));
        assertEquals(2, limit.held("10.0.0.1"));
        assertEquals(1, limit.held("10.0.0.2"));
    }

    @Test
    void aReleasedPlaceCanBeTakenAgain() {
        AddressLimit limit = new AddressLimit(1, "k");
        AddressLimit.Slot slot = limit.tryAcquire("a");
        assertNull(limit.tryAcquire("a"));
        slot.release();
        assertNotNull(limit.tryAcquire("a"));
    }

    @Test
    void releasingTwiceGivesBackOnePlaceOnly() {
        AddressLimit limit = new AddressLimit(2, "k");
        AddressLimit.Slot first = limit.tryAcquire("a");
        limit.tryAcquire("a");
        first.release();
        first.release();
        assertEquals(1, limit.held("a"));
        assertNotNull(limit.tryAcquire("a"));
        assertNull(limit.tryAcquire("a"));
    }

    @Test
    void theMapForgetsAnAddressWhoseLastPlaceIsReleased() {
        AddressLimit limit = new AddressLimit(5, "k");
        List<AddressLimit.Slot> slots = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            slots.add(limit.tryAcquire("192.0.2." + i % 250));
            slots.add(limit.tryAcquire("2001:db8::" + i));
        }
        assertEquals(1250, limit.addresses());
        slots.forEach(AddressLimit.Slot::release);
        assertEquals(0, limit.addresses());
        assertEquals(0, limit.held("192.0.2.1"));
    }

    @Test
    void theRefusalNamesTheKeyAndTheLimit() {
        AddressLimit limit = new AddressLimit(1, "events.maxListenersPerAddress");
        limit.tryAcquire("a");
        assertNull(limit.tryAcquire("a"));
        Map<String, String> headers = new HashMap<>();
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
        HttpError e = assertThrows(HttpError.class, () -> limit.acquire("a", "event listeners", resp, 10));
        assertEquals(429, e.status());
        assertEquals("10", headers.get("Retry-After"));
        assertEquals("too many event listeners from your address: the limit is 1 (events.maxListenersPerAddress)",
                e.getMessage());
    }

    @Test
    void threadsAcquiringAtOnceNeverExceedTheMaximum() throws Exception {
        int max = 7;
        int threads = 16;
        AddressLimit limit = new AddressLimit(max, "k");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        AddressLimit.Slot slot = limit.tryAcquire("203.0.113.9");
                        if (slot == null) {
                            continue;
                        }
                        granted.incrementAndGet();
                        int now = inside.incrementAndGet();
                        most.accumulateAndGet(now, Math::max);
                        if (limit.held("203.0.113.9") > max) {
                            failures.add("held " + limit.held("203.0.113.9"));
                        }
                        inside.decrementAndGet();
                        slot.release();
                        slot.release();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(most.get() <= max, "at most " + max + " at once, saw " + most.get());
        assertTrue(granted.get() > 0);
        assertEquals(0, limit.held("203.0.113.9"));
        assertEquals(0, limit.addresses(), "the address is gone once every place is back");
    }
}
