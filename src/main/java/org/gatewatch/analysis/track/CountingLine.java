package org.gatewatch.analysis.track;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A line on the ground between two points; a track whose foot point crosses it counts once per crossing. "In" is a
 * crossing to the right-hand side of the line drawn from the first point to the second, as seen on screen (y down):
 * for a line drawn left to right, walking down the picture is "in". Plain Java, used by one thread.
 */
public final class CountingLine {

    /** Which way a step crossed the line. */
    public enum Crossing { NONE, IN, OUT }

    private final double x1;
    private final double y1;
    private final double x2;
    private final double y2;
    private final double length;
    /** Each track's last point that was off the line. */
    private final Map<Integer, double[]> last = new HashMap<>();
    private long in;
    private long out;

    public CountingLine(double x1, double y1, double x2, double y2) {
        if (x1 == x2 && y1 == y2) {
            throw new IllegalArgumentException("a counting line needs two different points");
        }
        this.x1 = x1;
        this.y1 = y1;
        this.x2 = x2;
        this.y2 = y2;
        this.length = Math.hypot(x2 - x1, y2 - y1);
    }

    /**
     * Invoked with each reported track's foot point per frame; returns whether this step crossed the line. Within
     * {@code band} px of the line (0: only exactly on it) the feet count as on it: a person who stands on the line,
     * their box jittering by a few pixels from frame to frame, is not counted in and out again and again; a walker is
     * counted once they are clearly across.
     */
    public Crossing update(int trackId, double x, double y, double band) {
        double side = side(x, y);
        if (Math.abs(side) <= band * length) {
            return Crossing.NONE; // on the line: wait until the track is clearly on one side
        }
        double[] previous = last.put(trackId, new double[] {x, y});
        if (previous == null) {
            return Crossing.NONE;
        }
        double before = side(previous[0], previous[1]);
        if (Math.signum(before) == Math.signum(side) || !stepMeetsSegment(previous[0], previous[1], x, y)) {
            return Crossing.NONE;
        }
        if (side > 0) {
            in++;
            return Crossing.IN;
        }
        out++;
        return Crossing.OUT;
    }

    /** Forgets tracks that ended, so the map does not grow with every track ever seen. */
    public void retain(Set<Integer> liveTrackIds) {
        last.keySet().retainAll(liveTrackIds);
    }

    public long in() {
        return in;
    }

    public long out() {
        return out;
    }

    /** Positive right of p1→p2 on screen (y down), negative left, 0 on the line. */
    private double side(double x, double y) {
        return (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    }

    /** The step's endpoints are on opposite sides of the line; true when the step also passes between p1 and p2. */
    private boolean stepMeetsSegment(double ax, double ay, double bx, double by) {
        double s1 = (bx - ax) * (y1 - ay) - (by - ay) * (x1 - ax);
        double s2 = (bx - ax) * (y2 - ay) - (by - ay) * (x2 - ax);
        return s1 * s2 <= 0;
    }
}
