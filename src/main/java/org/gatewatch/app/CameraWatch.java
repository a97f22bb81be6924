package org.gatewatch.app;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.camera.CameraHealth;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.NewEvent;

/**
 * Rounds over the cameras on two threads: on one, the keep-alive of their streams every second and, twice a second,
 * the NO SIGNAL picture for the viewers of a camera without frames; on the other, every second, their sight,
 * recorded as {@code CAMERA_DOWN} and {@code CAMERA_UP} events as each camera loses and regains its source, and an
 * {@code ANALYSIS_DOWN} event when its analysis thread died (and was replaced).
 * Recording waits for the database, which must never hold up the keep-alive.
 */
final class CameraWatch {

    private static final Logger LOG = LogManager.getLogger(CameraWatch.class);

    private final OwnedPool<ScheduledExecutorService> keepAlive = OwnedPool.scheduled("Keep-alive",
            "gatewatch-keepalive-");
    private final OwnedPool<ScheduledExecutorService> pool = OwnedPool.scheduled("Camera watch", "gatewatch-camwatch-");

    CameraWatch(CameraRegistry cameras, EventRecorder recorder) {
        keepAlive.executor().scheduleWithFixedDelay(() -> {
            try {
                cameras.keepAlive();
            } catch (RuntimeException e) {
                LOG.error("Keep-alive round failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        keepAlive.executor().scheduleAtFixedRate(() -> {
            try {
                cameras.showNoSignal(System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.error("NO SIGNAL round failed", e);
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
        List<CameraHealth> health = cameras.cameras().stream().map(CameraHealth::new).toList();
        pool.executor().scheduleWithFixedDelay(() -> {
            long now = System.currentTimeMillis();
            for (CameraHealth camera : health) {
                try {
                    NewEvent event = camera.check(now);
                    if (event != null) {
                        recorder.record(event);
                        camera.recorded(event);
                        LOG.warn("Camera {}: {} ({})", camera.cameraId(), event.decision(), event.rule());
                    }
                    NewEvent analysis = camera.checkAnalysis(now);
                    if (analysis != null) {
                        recorder.record(analysis);
                        camera.analysisRecorded();
                        LOG.error("Camera {}: {} ({})", camera.cameraId(), analysis.decision(), analysis.rule());
                    }
                } catch (RuntimeException e) {
                    LOG.error("Camera {}: its sight could not be recorded; trying again in a second",
                            camera.cameraId(), e);
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    void stop() {
        keepAlive.stop(false);
        pool.stop(true);
    }
}
