package org.gatewatch.analysis;

/**
 * When to look at the whole picture for people who do not move, whom motion cannot point at: every {@code every}
 * analysed frames while something moves or someone is tracked, and in a still, empty picture less and less often,
 * twice as long after each look that found nobody, up to {@value #MAX_BACKOFF} times as long.
 *
 * <p>Why that is safe: a person in view now who was not at the last look came into view, and coming into view moves.
 * That frame's motion brings the detector to them at once and the whole looks back to every {@code every} frames. A
 * person the last look missed although they stood there, and still stand, is looked for again later. An empty door
 * is what most cameras of a building show most of the time, and these looks were most of what one cost
 * (docs/benchmarks.md, "Cameras per node").
 *
 * <p>While anything moves the looks stay on the grid of frames {@code offset + k * every}, as a fixed period would
 * have them. One analysis thread.
 */
public final class StillLooks {

    /** The longest wait between looks at a still, empty picture, in multiples of {@code every}. */
    public static final int MAX_BACKOFF = 8;

    private final int every;
    private final int offset;
    private long interval;
    private long next;

    /** @param every the period while anything moves; @param offset the first frame looked at, {@code 0 <= offset} */
    public StillLooks(int every, int offset) {
        if (every < 1 || offset < 0) {
            throw new IllegalArgumentException("every " + every + ", offset " + offset);
        }
        this.every = every;
        this.offset = offset;
        this.interval = every;
        this.next = offset;
    }

    /**
     * Whether frame {@code index} gets a whole look; call once per analysed frame, in order.
     *
     * @param still nothing moved in this frame and nobody is tracked
     */
    public boolean due(long index, boolean still) {
        if (!still && interval != every) {
            interval = every;
            next = Math.min(next, onGrid(index));
        }
        return index >= next;
    }

    /**
     * After the whole look at frame {@code index}.
     *
     * @param stillAndEmpty nothing moved, nobody was tracked and the look found nobody
     */
    public void looked(long index, boolean stillAndEmpty) {
        interval = stillAndEmpty ? Math.min(interval * 2, (long) every * MAX_BACKOFF) : every;
        next = index + interval;
    }

    /** The first frame at or after {@code index} on the grid {@code offset + k * every}. */
    private long onGrid(long index) {
        if (index <= offset) {
            return offset;
        }
        long past = (index - offset) % every;
        return past == 0 ? index : index + every - past;
    }
}
