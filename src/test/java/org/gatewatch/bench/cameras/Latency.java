package org.gatewatch.bench.cameras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Decision latency on the door cameras: from the frame at which a walk's walkers left to the moment its event reached
 * the listener. Events decided while the walkers were still in view (their votes were in) are counted apart, and
 * events far from any walk (a false detection in the empty scene) too.
 *
 * @param millis         latency of each decision after its walk ended, sorted
 * @param duringWalk     decisions taken while the walkers were still in view
 * @param awayFromWalks  decisions more than {@link #MAX_AFTER_MILLIS} after the nearest walk's end, or well before it
 */
record Latency(List<Long> millis, int duringWalk, int awayFromWalks) {

    static final long MAX_AFTER_MILLIS = 20_000;
    private static final long WALK_MILLIS = (long) (DoorFootage.WALK_FRAMES * 1000 / DoorFootage.FPS);

    static Latency of(List<EventTap.Seen> events, Map<String, WalkClock> clocks) {
        List<Long> millis = new ArrayList<>();
        int during = 0;
        int away = 0;
        for (EventTap.Seen e : events) {
            WalkClock clock = clocks.get(e.camera());
            if (clock == null) {
                continue;
            }
            long end = clock.walkEndNear(e.eventMillis());
            long decidedAfter = e.eventMillis() - end;
            if (end < 0 || decidedAfter > MAX_AFTER_MILLIS || decidedAfter < -WALK_MILLIS) {
                away++;
            } else if (decidedAfter < 0) {
                during++;
            } else {
                millis.add(e.receivedMillis() - end);
            }
        }
        Collections.sort(millis);
        return new Latency(millis, during, away);
    }

    /** Nearest-rank percentile, or null without samples. */
    Long percentile(double p) {
        if (millis.isEmpty()) {
            return null;
        }
        return millis.get((int) Math.max(0, Math.ceil(p / 100 * millis.size()) - 1));
    }
}
