package org.gatewatch.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.gatewatch.analysis.StageTimer;

/**
 * One camera's analysis stages as histograms ({@code gatewatch_analysis_stage_seconds{camera, stage}}). The timers
 * are made once, so the analysis thread only looks one up by index and records.
 */
final class MeteredStageTimer implements StageTimer {

    /** Buckets: motion takes about a millisecond, a face model pass tens to hundreds. */
    static final Duration[] BUCKETS = CameraMeters.millis(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000);

    private final Timer[] timers = new Timer[Stage.values().length];

    MeteredStageTimer(MeterRegistry registry, String cameraId) {
        for (Stage stage : Stage.values()) {
            timers[stage.ordinal()] = Timer.builder("gatewatch.analysis.stage")
                    .description("Time one analysis stage took on one frame")
                    .tags("camera", cameraId, "stage", stage.name().toLowerCase(Locale.ROOT))
                    .serviceLevelObjectives(BUCKETS).register(registry);
        }
    }

    /** Invoked by the analysis thread; the faces a recognition pass went through are not counted here. */
    @Override
    public void spent(Stage stage, long nanos, int items) {
        timers[stage.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }
}
