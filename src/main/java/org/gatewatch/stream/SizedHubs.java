package org.gatewatch.stream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * The downscaled streams of one picture (a camera's annotated or clean stream): one hub per fixed width, made when
 * the first viewer asks for that width. A width is encoded once per frame while it has viewers, whatever their
 * number, and not at all while it has none; the set of widths is fixed ({@link StreamWidth#WIDTHS}), so so is the
 * number of hubs.
 */
public final class SizedHubs {

    private final IntFunction<FrameHub> factory;
    private final Map<Integer, FrameHub> hubs = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> encoded = new ConcurrentHashMap<>();

    SizedHubs(IntFunction<FrameHub> factory) {
        this.factory = factory;
        for (int w : StreamWidth.WIDTHS) {
            encoded.put(w, new LongAdder());
        }
    }

    /** The hub of a fixed width, made on first use; an unknown width is a programming error. */
    FrameHub at(int width) {
        if (!encoded.containsKey(width)) {
            throw new IllegalArgumentException("not a fixed stream width: " + width);
        }
        return hubs.computeIfAbsent(width, factory::apply);
    }

    /**
     * Invoked by the capture thread with each frame: {@code watched} is given each width that has viewers now and
     * its hub, and publishes that width's picture there.
     */
    public void forEachWatched(BiConsumer<Integer, FrameHub> watched) {
        hubs.forEach((width, hub) -> {
            if (hub.viewerCount() > 0) {
                watched.accept(width, hub);
            }
        });
    }

    /** Counts one downscaled encode at {@code width}; invoked by whoever encoded it. */
    public void countEncoded(int width) {
        encoded.get(width).increment();
    }

    /** Downscaled encodes at {@code width} so far (0 for a width that is not fixed). */
    public long encodedAt(int width) {
        LongAdder count = encoded.get(width);
        return count == null ? 0 : count.sum();
    }

    int viewers() {
        return hubs.values().stream().mapToInt(FrameHub::viewerCount).sum();
    }

    long sent() {
        return hubs.values().stream().mapToLong(FrameHub::framesSent).sum();
    }

    long skipped() {
        return hubs.values().stream().mapToLong(FrameHub::framesSkipped).sum();
    }

    boolean wantedWithin(Duration idle) {
        return hubs.values().stream().anyMatch(h -> h.wantedWithin(idle));
    }

    void keepAlive() {
        hubs.values().forEach(FrameHub::keepAlive);
    }

    void closeAllViewers() {
        hubs.values().forEach(FrameHub::closeAllViewers);
    }
}
