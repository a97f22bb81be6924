package org.gatewatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.gatewatch.analysis.StageTimer;
import org.gatewatch.analysis.StageTimer.Stage;
import org.junit.jupiter.api.Test;

class MeteredStageTimerTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void eachStageOfEachCameraHasItsOwnHistogram() {
        StageTimer door = new MeteredStageTimer(registry, "door");
        new MeteredStageTimer(registry, "hall");
        door.spent(Stage.MOTION, 2_000_000, 1);
        door.spent(Stage.FACE_RECOGNITION, 30_000_000, 2);
        door.spent(Stage.FACE_RECOGNITION, 40_000_000, 1);

        Timer recognition = registry.get("gatewatch.analysis.stage").tags("camera", "door", "stage",
                "face_recognition").timer();
        assertEquals(2, recognition.count());
        assertEquals(70, recognition.totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(1, registry.get("gatewatch.analysis.stage").tags("camera", "door", "stage", "motion").timer()
                .count());
        assertEquals(0, registry.get("gatewatch.analysis.stage").tags("camera", "hall", "stage", "motion").timer()
                .count());
        String scrape = registry.scrape();
        assertTrue(scrape.contains("gatewatch_analysis_stage_seconds_bucket{camera=\"door\","
                + "stage=\"face_recognition\",le=\"0.02\"} 0\n"), scrape);
        assertTrue(scrape.contains("gatewatch_analysis_stage_seconds_bucket{camera=\"door\","
                + "stage=\"face_recognition\",le=\"0.05\"} 2\n"), scrape);
    }

    /** The capture and analysis threads record once per frame: a recording must not make garbage. */
    @Test
    void recordingAFrameAllocatesNothing() {
        LongConsumer publish = CameraMeters.publishTimer(registry, "door");
        StageTimer stages = new MeteredStageTimer(registry, "door");
        for (int i = 0; i < 20_000; i++) {
            publish.accept(i * 1_000L);
            stages.spent(Stage.PEDESTRIANS, i * 1_000L, 1);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            publish.accept(i * 1_000L);
            stages.spent(Stage.PEDESTRIANS, i * 1_000L, 1);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 100_000, allocated + " bytes allocated by 200000 recordings");
        assertEquals(120_000, registry.get("gatewatch.camera.capture.to.publish").timer().count());
    }
}
