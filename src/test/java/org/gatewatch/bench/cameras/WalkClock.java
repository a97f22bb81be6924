package org.gatewatch.bench.cameras;

import java.util.ArrayList;
import java.util.List;

/**
 * When a door camera's walks ended, on this machine's clock. The camera replays its door file in a loop at the file's
 * rate, so its capture counter says where in the loop it is: the newest frame of a status sample is frame
 * {@code (framesCaptured - 1) mod loop} of the file, captured at {@code lastFrameMillis}. The walk's end frame is
 * then placed relative to that sample (the nearest one to the event, so the small pause at each loop's seek does not
 * add up). Good to about a frame (100 ms): the two counters are read one after the other.
 */
final class WalkClock {

    private static final double FRAME_MILLIS = 1000 / DoorFootage.FPS;
    private static final double LOOP_MILLIS = DoorFootage.LOOP_FRAMES * FRAME_MILLIS;

    private final int walkEndFrame;
    private final List<ServerApi.Sample> samples = new ArrayList<>();

    WalkClock(int variant) {
        this.walkEndFrame = DoorFootage.walkEndFrame(variant);
    }

    synchronized void add(ServerApi.Sample s) {
        if (s.framesCaptured() > 0 && s.lastFrameMillis() > 0) {
            samples.add(s);
        }
    }

    /**
     * The end of the walk nearest to a decision taken on the frame captured at {@code eventMillis} (within half a
     * loop, so a decision made while the walkers were still in view comes out before it), epoch ms; -1 without
     * samples.
     */
    synchronized long walkEndNear(long eventMillis) {
        ServerApi.Sample nearest = null;
        for (ServerApi.Sample s : samples) {
            if (nearest == null || Math.abs(s.lastFrameMillis() - eventMillis)
                    < Math.abs(nearest.lastFrameMillis() - eventMillis)) {
                nearest = s;
            }
        }
        if (nearest == null) {
            return -1;
        }
        long position = (nearest.framesCaptured() - 1) % DoorFootage.LOOP_FRAMES;
        double end = nearest.lastFrameMillis() + (walkEndFrame - position) * FRAME_MILLIS;
        while (end - eventMillis > LOOP_MILLIS / 2) {
            end -= LOOP_MILLIS;
        }
        while (eventMillis - end > LOOP_MILLIS / 2) {
            end += LOOP_MILLIS;
        }
        return Math.round(end);
    }
}
