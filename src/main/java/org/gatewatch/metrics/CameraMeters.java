package org.gatewatch.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;
import org.gatewatch.camera.Camera;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.capture.CaptureState;
import org.gatewatch.stream.StreamWidth;
import org.gatewatch.stream.ViewerLimit;

/**
 * The cameras' meters, read at scrape time from the counters /api/status shows: nothing is added to a frame's path
 * but the capture-to-publish timer. The registry reads the cameras through weak references; the application holds
 * them for as long as it runs.
 */
final class CameraMeters {

    /** Buckets of the capture-to-publish histogram: an encode takes about 1 ms to tens of ms. */
    static final Duration[] PUBLISH_BUCKETS = millis(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000);

    private CameraMeters() {
    }

    static void bind(MeterRegistry registry, CameraRegistry cameras) {
        for (Camera camera : cameras.cameras()) {
            Tags tags = Tags.of("camera", camera.id());
            counter(registry, "gatewatch.camera.frames.captured", "Frames grabbed from the source", camera, tags,
                    Camera::framesCaptured);
            counter(registry, "gatewatch.camera.frames.encoded", "JPEG encodes, both streams", camera, tags,
                    Camera::framesEncoded);
            counter(registry, "gatewatch.stream.frames.encoded", "JPEG encodes of the full-size stream with overlay",
                    camera, tags.and("width", "full"), c -> c.framesEncodedAt(StreamWidth.FULL));
            for (int width : StreamWidth.WIDTHS) {
                counter(registry, "gatewatch.stream.frames.encoded",
                        "JPEG encodes of a downscaled width (?width=, ?size=), once per frame whatever its viewers",
                        camera, tags.and("width", Integer.toString(width)), c -> c.framesEncodedAt(width));
            }
            counter(registry, "gatewatch.camera.frames.sent", "Frames written to viewers", camera, tags,
                    Camera::framesSent);
            counter(registry, "gatewatch.camera.frames.skipped",
                    "Frames a slow viewer never got because a newer one replaced them", camera, tags,
                    Camera::framesSkipped);
            counter(registry, "gatewatch.camera.frames.analyzed", "Frames analysed (0 without analysis)", camera,
                    tags, Camera::framesAnalyzed);
            counter(registry, "gatewatch.camera.reconnects", "Reopens of the source after it failed or ended",
                    camera, tags, Camera::reconnects);
            Gauge.builder("gatewatch.camera.viewers", camera, Camera::viewers).tags(tags)
                    .description("Viewers of the camera's streams now").register(registry);
            Gauge.builder("gatewatch.analysis.fps", camera, Camera::analysisFps).tags(tags)
                    .description("Frames analysed per second over the last two seconds").register(registry);
            for (CaptureState state : CaptureState.values()) {
                Gauge.builder("gatewatch.camera.state", camera, c -> c.captureState() == state ? 1 : 0)
                        .tags(tags.and("state", state.apiName()))
                        .description("1 for the capture state the camera is in, 0 for the others")
                        .register(registry);
            }
        }
        ViewerLimit limit = cameras.viewerLimit();
        Gauge.builder("gatewatch.viewers", limit, ViewerLimit::current)
                .description("Viewers across all cameras now").register(registry);
        Gauge.builder("gatewatch.viewers.max", limit, ViewerLimit::max)
                .description("Viewers allowed across all cameras (stream.maxViewers)").register(registry);
        FunctionCounter.builder("gatewatch.viewers.refused", limit, ViewerLimit::refused)
                .description("Viewers refused with 429 because every place was taken").register(registry);
    }

    /** Recording is allocation-free: Timer.record(long, TimeUnit) into fixed buckets. */
    static LongConsumer publishTimer(MeterRegistry registry, String cameraId) {
        Timer timer = Timer.builder("gatewatch.camera.capture.to.publish")
                .description("From a frame's grab to its JPEG published to the viewers")
                .tags("camera", cameraId).serviceLevelObjectives(PUBLISH_BUCKETS).register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static void counter(MeterRegistry registry, String name, String description, Camera camera, Tags tags,
                                ToDoubleFunction<Camera> count) {
        FunctionCounter.builder(name, camera, count).tags(tags).description(description).register(registry);
    }

    static Duration[] millis(long... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofMillis(values[i]);
        }
        return out;
    }
}
