package org.gatewatch.bench.analysis;

import java.util.Arrays;
import org.gatewatch.analysis.StageTimer;

/**
 * A {@link StageTimer} that adds up what each stage cost since the last {@link #reset()}: the benchmark loop
 * resets it before each frame and reads one frame's figures after it.
 */
public final class StageClock implements StageTimer {

    private final long[] nanos = new long[Stage.values().length];
    private final int[] runs = new int[Stage.values().length];
    private long faces;

    @Override
    public void spent(Stage stage, long stageNanos, int items) {
        nanos[stage.ordinal()] += stageNanos;
        runs[stage.ordinal()]++;
        if (stage == Stage.FACE_RECOGNITION) {
            faces += items;
        }
    }

    public void reset() {
        Arrays.fill(nanos, 0);
        Arrays.fill(runs, 0);
        faces = 0;
    }

    public long nanos(Stage stage) {
        return nanos[stage.ordinal()];
    }

    public boolean ran(Stage stage) {
        return runs[stage.ordinal()] > 0;
    }

    /** Faces recognised since the reset. */
    public long faces() {
        return faces;
    }
}
