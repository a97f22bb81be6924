package org.gatewatch.http;

import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Caps what one client address holds open at once (streams, event listeners), so one host cannot take every place
 * of a global limit. An address is in the map only while it holds a place: the map is as large as the number of
 * addresses connected now, never the number ever seen.
 *
 * <p>Admission happens once per viewer or listener, never per frame: {@link ConcurrentHashMap#compute} makes the
 * check and the count one atomic step per address, and the place comes back as a {@link Slot} that gives it back
 * exactly once, however often and from whichever thread it is released.
 */
public final class AddressLimit {

    private final int max;
    private final String key;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    /**
     * @param max places per address
     * @param key the configuration key that sets {@code max}, named in the refusal
     */
    public AddressLimit(int max, String key) {
        if (max < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + max);
        }
        this.max = max;
        this.key = key;
    }

    /** A place for {@code address}, or null when it already holds {@link #max()}. */
    public Slot tryAcquire(String address) {
        boolean[] taken = new boolean[1];
        held.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0] ? new Slot(address) : null;
    }

    /**
     * A place for {@code address}; else {@code Retry-After} on {@code resp} and a one-line 429 naming the key.
     *
     * @param what what is counted, e.g. "streams"
     * @throws HttpError 429 when the address holds {@link #max()} already
     */
    public Slot acquire(String address, String what, HttpServletResponse resp, int retryAfterSeconds) {
        Slot slot = tryAcquire(address);
        if (slot == null) {
            resp.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
            throw new HttpError(429, "too many " + what + " from your address: the limit is " + max + " ("
                    + key + ")");
        }
        return slot;
    }

    public int max() {
        return max;
    }

    public String key() {
        return key;
    }

    /** Places {@code address} holds now. */
    public int held(String address) {
        return held.getOrDefault(address, 0);
    }

    /** Addresses holding at least one place now. */
    public int addresses() {
        return held.size();
    }

    private void release(String address) {
        // At zero the entry goes, so the map never keeps an address that left.
        held.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** One place of one address; {@link #release()} gives it back once, whoever calls it and however often. */
    public final class Slot {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String address) {
            this.address = address;
        }

        public String address() {
            return address;
        }

        /** Idempotent and thread-safe: only the first call counts. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                AddressLimit.this.release(address);
            }
        }
    }
}
