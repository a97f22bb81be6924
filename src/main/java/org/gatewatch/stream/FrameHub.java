package org.gatewatch.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A camera's newest encoded frame and the viewers waiting for the next one. Newest wins: the hub keeps one frame,
 * and a viewer that is busy when a frame arrives simply gets a later one, so no viewer ever has a queue.
 *
 * <p>Viewers are split over a few shards; each new frame becomes one fan-out task per shard (not per viewer) on a
 * small shared executor, and a shard that is still busy with the previous frame just picks up the newest when done.
 */
public final class FrameHub {

    private static final Logger LOG = LogManager.getLogger(FrameHub.class);
    /** A new viewer is shown the newest frame at once only if it is this recent. */
    static final long FRESH_FOR_NEW_VIEWER_MS = 5_000;

    private final String cameraId;
    private final Executor fanOut;
    private final Runnable onDemand;
    private final List<Shard> shards = new ArrayList<>();
    private final AtomicInteger viewerCount = new AtomicInteger();
    private final AtomicInteger nextShard = new AtomicInteger();
    private final LongAdder framesPublished = new LongAdder();
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder framesSkipped = new LongAdder();
    private volatile JpegFrame newest;
    /** The last few frames by sequence number, so a viewer can hold a frame's number instead of the frame. */
    private static final int RECENT = 4;
    private final AtomicReferenceArray<JpegFrame> recent = new AtomicReferenceArray<>(RECENT);
    private volatile long lastDemandNanos = System.nanoTime();
    /** This picture's downscaled streams; null in a hub that is one of them. */
    private final SizedHubs sizes;

    /**
     * @param onDemand run (on the caller's thread) whenever someone wants frames (a viewer joins, a snapshot is
     *                 served); the camera starts its capture thread if it is not running
     */
    public FrameHub(String cameraId, Executor fanOut, int shardCount, Runnable onDemand) {
        this(cameraId, fanOut, shardCount, onDemand, true);
    }

    private FrameHub(String cameraId, Executor fanOut, int shardCount, Runnable onDemand, boolean full) {
        this.cameraId = cameraId;
        this.sizes = full ? new SizedHubs(w -> new FrameHub(cameraId, fanOut, shardCount, onDemand, false)) : null;
        this.fanOut = fanOut;
        this.onDemand = onDemand;
        for (int i = 0; i < Math.max(1, shardCount); i++) {
            shards.add(new Shard());
        }
    }

    public String cameraId() {
        return cameraId;
    }

    /** Invoked by the camera's capture thread with each encoded frame. Never blocks on a viewer. */
    public void publish(JpegFrame frame) {
        recent.set(slot(frame.seq()), frame);
        newest = frame;
        framesPublished.increment();
        for (Shard shard : shards) {
            shard.publish(frame);
        }
    }

    /** The hub of this picture at a fixed width ({@link StreamWidth}); this hub itself for the full picture. */
    public FrameHub atWidth(int width) {
        if (width == StreamWidth.FULL) {
            return this;
        }
        if (sizes == null) {
            throw new IllegalStateException("a downscaled stream has no sizes of its own");
        }
        return sizes.at(width);
    }

    /** This picture's downscaled streams, for the publish step; null in a hub that is one of them. */
    public SizedHubs sizes() {
        return sizes;
    }

    /** The newest frame, or null before the first. */
    public JpegFrame newest() {
        return newest;
    }

    /** The frame numbered {@code seq} if it is one of the last few published, else the newest (null before any). */
    JpegFrame frame(long seq) {
        JpegFrame frame = recent.get(slot(seq));
        return frame != null && frame.seq() == seq ? frame : newest;
    }

    private static int slot(long seq) {
        return (int) Math.floorMod(seq, (long) RECENT);
    }

    /** Adds a viewer; it is offered the newest frame at once if there is a recent one. */
    public void addViewer(FrameViewer viewer) {
        Shard shard = shards.get(Math.floorMod(nextShard.getAndIncrement(), shards.size()));
        if (shard.viewers.add(viewer)) {
            viewerCount.incrementAndGet();
        }
        touch();
        JpegFrame current = newest;
        // A camera that was idle still holds its last frame from minutes ago: the viewer waits for a live one.
        if (current != null && System.currentTimeMillis() - current.captureMillis() <= FRESH_FOR_NEW_VIEWER_MS) {
            viewer.offer(current);
        }
    }

    /** Removes a viewer; safe to call more than once. */
    public void removeViewer(FrameViewer viewer) {
        for (Shard shard : shards) {
            if (shard.viewers.remove(viewer)) {
                viewerCount.decrementAndGet();
                lastDemandNanos = System.nanoTime();
                return;
            }
        }
    }

    public int viewerCount() {
        return viewerCount.get();
    }

    /** Viewers of this picture at every width. */
    public int viewersAllWidths() {
        return viewerCount() + (sizes == null ? 0 : sizes.viewers());
    }

    /**
     * True while someone has wanted frames within {@code idle}, at any width: a viewer is connected, or left less
     * than idle ago.
     */
    public boolean wantedWithin(Duration idle) {
        return viewerCount.get() > 0 || System.nanoTime() - lastDemandNanos < idle.toNanos()
                || (sizes != null && sizes.wantedWithin(idle));
    }

    /** Marks demand now and tells the camera. */
    public void touch() {
        lastDemandNanos = System.nanoTime();
        onDemand.run();
    }

    void countSent() {
        framesSent.increment();
    }

    void countSkipped() {
        framesSkipped.increment();
    }

    public long framesPublished() {
        return framesPublished.sum();
    }

    public long framesSent() {
        return framesSent.sum();
    }

    public long framesSkipped() {
        return framesSkipped.sum();
    }

    /** Frames written to viewers of this picture at every width. */
    public long framesSentAllWidths() {
        return framesSent() + (sizes == null ? 0 : sizes.sent());
    }

    /** Frames skipped for slow viewers of this picture at every width. */
    public long framesSkippedAllWidths() {
        return framesSkipped() + (sizes == null ? 0 : sizes.skipped());
    }

    /** Invoked by the keep-alive thread about once a second; see {@link FrameViewer#keepAlive()}. */
    public void keepAlive() {
        for (Shard shard : shards) {
            shard.each(FrameViewer::keepAlive, "failed a keep-alive");
        }
        if (sizes != null) {
            sizes.keepAlive();
        }
    }

    /** Ends every viewer's response; invoked once at shutdown, before the fan-out threads stop. */
    public void closeAllViewers() {
        for (Shard shard : shards) {
            shard.each(FrameViewer::close, "failed to close");
            shard.viewers.forEach(this::removeViewer);
        }
        if (sizes != null) {
            sizes.closeAllViewers();
        }
    }

    /** A slice of the viewers, served by one fan-out task at a time. */
    private final class Shard implements Runnable {
        final Set<FrameViewer> viewers = ConcurrentHashMap.newKeySet();
        final AtomicReference<JpegFrame> next = new AtomicReference<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        void publish(JpegFrame frame) {
            if (viewers.isEmpty()) {
                return;
            }
            next.set(frame);
            if (scheduled.compareAndSet(false, true)) {
                fanOut.execute(this);
            }
        }

        /** Applies {@code action} to every viewer; one that throws is dropped, so it cannot stop the others. */
        void each(Consumer<FrameViewer> action, String failure) {
            for (FrameViewer viewer : viewers) {
                try {
                    action.accept(viewer);
                } catch (RuntimeException e) {
                    LOG.warn("Dropping a viewer of camera {} that {}", cameraId, failure, e);
                    removeViewer(viewer);
                }
            }
        }

        /** Runs on a fan-out thread: hands the newest frame to every viewer of the shard, until none is newer. */
        @Override
        public void run() {
            while (true) {
                JpegFrame frame = next.getAndSet(null);
                if (frame == null) {
                    scheduled.set(false);
                    // A frame published between getAndSet and set(false) would otherwise wait for the next one.
                    if (next.get() != null && scheduled.compareAndSet(false, true)) {
                        continue;
                    }
                    return;
                }
                each(viewer -> viewer.offer(frame), "failed to take a frame");
            }
        }
    }
}
