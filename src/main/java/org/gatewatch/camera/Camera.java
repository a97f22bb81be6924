package org.gatewatch.camera;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.gatewatch.capture.CaptureWorker;
import org.gatewatch.capture.FrameSource;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.pipeline.JpegEncoder;
import org.gatewatch.pipeline.StreamPipeline;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.JpegFrame;

/** One camera assembled: source → capture thread → pipeline → hub, started by demand and stopped when idle. */
public final class Camera {

    private final CameraConfig config;
    private final FrameHub hub;
    private final StreamPipeline pipeline;
    private final CaptureWorker worker;
    private final Duration idle;

    public Camera(CameraConfig config, Supplier<FrameSource> sources, Executor fanOut, int fanOutShards) {
        this.config = config;
        this.idle = Duration.ofSeconds(config.idleSeconds());
        this.hub = new FrameHub(config.id(), fanOut, fanOutShards, this::ensureCapturing);
        this.pipeline = new StreamPipeline(new JpegEncoder(config.jpegQuality()), hub);
        this.worker = new CaptureWorker(config.id(), sources, pipeline, this::wanted, config.fpsCap(), idle);
    }

    /** Cameras that analysis keeps on start now; the others wait for their first viewer. */
    public void start() {
        if (config.alwaysOn()) {
            worker.ensureRunning();
        }
    }

    private void ensureCapturing() {
        worker.ensureRunning();
    }

    private boolean wanted() {
        return config.alwaysOn() || hub.wantedWithin(idle);
    }

    /** Ends the viewers, then the capture thread, then frees native buffers. */
    public void stop() {
        hub.closeAllViewers();
        worker.stop();
        pipeline.close();
    }

    public String id() {
        return config.id();
    }

    public CameraConfig config() {
        return config;
    }

    public FrameHub hub() {
        return hub;
    }

    public CameraStatus status() {
        JpegFrame newest = hub.newest();
        return new CameraStatus(config.id(), config.name(), config.source(), worker.state().apiName(),
                worker.sourceFps(), config.idleSeconds(), hub.viewerCount(), worker.framesCaptured(),
                pipeline.framesEncoded(), hub.framesSent(), hub.framesSkipped(), worker.lastError(),
                config.alwaysOn(), newest == null ? 0 : newest.captureMillis());
    }
}
