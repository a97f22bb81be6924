package org.gatewatch.camera;

import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.gatewatch.analysis.AnalysisWorker;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.capture.CaptureState;
import org.gatewatch.capture.CaptureWorker;
import org.gatewatch.capture.FrameSource;
import org.gatewatch.config.AnalysisMode;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.Secrets;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.JpegEncoder;
import org.gatewatch.stream.JpegFrame;
import org.gatewatch.stream.StreamWidth;

/**
 * One camera assembled: source → capture thread → pipeline (analysis beside it) → hubs. Capture starts on demand and
 * stops when idle, unless the camera is always on.
 */
public final class Camera {

    /** The newest frame may be this old while frames count as flowing (longer for a camera slower than 0.6 fps). */
    static final long STALE_AFTER_MILLIS = 5_000;
    /** No frame for this long, with the capture running: viewers see NO SIGNAL. */
    static final long NO_SIGNAL_AFTER_MILLIS = 1_000;

    private final CameraConfig config;
    private final FrameHub hub;
    private final FrameHub cleanHub;
    private final AnalysisWorker analysis;
    private final StreamPipeline pipeline;
    private final CaptureWorker worker;
    private final Duration idle;

    /** @param analyzer the camera's analysis, or null for a plain stream */
    public Camera(CameraConfig config, Supplier<FrameSource> sources, Executor fanOut, int fanOutShards,
                  FrameAnalyzer analyzer) {
        this(config, sources, fanOut, fanOutShards, analyzer, nanos -> { });
    }

    /**
     * @param analyzer     the camera's analysis, or null for a plain stream
     * @param publishNanos told each frame's time from grab to JPEG in the hub, on the capture thread (metrics)
     */
    public Camera(CameraConfig config, Supplier<FrameSource> sources, Executor fanOut, int fanOutShards,
                  FrameAnalyzer analyzer, LongConsumer publishNanos) {
        this.config = config;
        this.idle = Duration.ofSeconds(config.idleSeconds());
        this.hub = new FrameHub(config.id(), fanOut, fanOutShards, this::ensureCapturing);
        JpegEncoder encoder = new JpegEncoder(config.jpegQuality());
        if (analyzer == null) {
            this.cleanHub = hub;
            this.analysis = null;
            this.pipeline = new StreamPipeline(encoder, hub, hub, null, publishNanos);
        } else {
            this.cleanHub = new FrameHub(config.id(), fanOut, fanOutShards, this::ensureCapturing);
            this.analysis = new AnalysisWorker(config.id(), analyzer);
            this.pipeline = new StreamPipeline(encoder, hub, cleanHub, analysis, publishNanos);
        }
        this.worker = new CaptureWorker(config.id(), sources, pipeline, this::wanted, config.fpsCap(), idle);
    }

    /** Starts the analysis thread, and capture for cameras that are always on; the others wait for a viewer. */
    public void start() {
        if (analysis != null) {
            analysis.start();
        }
        if (config.alwaysOn()) {
            worker.ensureRunning();
        }
    }

    private void ensureCapturing() {
        worker.ensureRunning();
    }

    private boolean wanted() {
        return config.alwaysOn() || hub.wantedWithin(idle) || (cleanHub != hub && cleanHub.wantedWithin(idle));
    }

    /** Ends the viewers, then the capture thread, then analysis, then frees native buffers. Idempotent. */
    public void stop() {
        hub.closeAllViewers();
        if (cleanHub != hub) {
            cleanHub.closeAllViewers();
        }
        worker.stop();
        if (analysis != null) {
            analysis.stop();
        }
        pipeline.close();
    }

    public String id() {
        return config.id();
    }

    public CameraConfig config() {
        return config;
    }

    /** The stream with the analysis overlay (the same as {@link #cleanHub()} without analysis). */
    public FrameHub hub() {
        return hub;
    }

    /** The stream without overlay ({@code ?overlay=0}). */
    public FrameHub cleanHub() {
        return cleanHub;
    }

    /**
     * Whether frames flow now: the newest is younger than 5 s, or than three frame intervals of a slower camera.
     * Judged by the frame's age, not the capture state, so a looped file's brief reopen is no failure and a source
     * that stalls without an error is one. Invoked by the readiness probe.
     */
    public boolean streaming(long nowMillis) {
        JpegFrame newest = hub.newest();
        return newest != null
                && nowMillis - newest.captureMillis() <= staleAfterMillis(config.fpsCap(), worker.sourceFps());
    }

    /**
     * Called about twice a second by the keep-alive thread: while a capturing camera has had no frame for a second
     * (its source failed, or stalls), its viewers get the NO SIGNAL picture as a new part instead of a frozen frame.
     */
    public void showNoSignalIfBlind(long nowMillis) {
        CaptureState state = worker.state();
        long last = lastFrameMillis();
        // Not while the source opens for the first time (an RTSP camera takes seconds); a source that cannot be
        // opened at all goes on to reconnecting, and shows NO SIGNAL from then.
        boolean blind = state != CaptureState.IDLE && state != CaptureState.STARTING
                && nowMillis - last >= NO_SIGNAL_AFTER_MILLIS && !seeing(nowMillis);
        if (blind && viewers() > 0) {
            pipeline.publishNoSignal(config.name(), last, ZoneId.systemDefault());
        }
    }

    /**
     * Whether the camera sees now: its source reads without error and its newest frame is fresh. A source that failed
     * shows in the capture state at once; one that stalls without an error, by its frames' age.
     */
    public boolean seeing(long nowMillis) {
        return worker.state() == CaptureState.STREAMING && streaming(nowMillis);
    }

    /** When the newest frame was captured (epoch ms), 0 before the first. */
    public long lastFrameMillis() {
        JpegFrame newest = hub.newest();
        return newest == null ? 0 : newest.captureMillis();
    }

    /** The longest gap between frames that still counts as flowing, at the capped or the source's rate. */
    static long staleAfterMillis(double fpsCap, double sourceFps) {
        double fps = fpsCap > 0 && (sourceFps <= 0 || fpsCap < sourceFps) ? fpsCap : sourceFps;
        return fps > 0 ? Math.max(STALE_AFTER_MILLIS, (long) Math.ceil(3_000 / fps)) : STALE_AFTER_MILLIS;
    }

    /** Viewers of both streams (with and without overlay), at every width. */
    public int viewers() {
        return hub.viewersAllWidths() + (cleanHub != hub ? cleanHub.viewersAllWidths() : 0);
    }

    /** Invoked by the keep-alive thread about once a second: every stream of the camera. */
    public void keepAlive() {
        hub.keepAlive();
        if (cleanHub != hub) {
            cleanHub.keepAlive();
        }
    }

    public long framesCaptured() {
        return worker.framesCaptured();
    }

    /** JPEG encodes of both streams, at every width. */
    public long framesEncoded() {
        return pipeline.framesEncoded();
    }

    /**
     * JPEG encodes at one width of both streams: {@link StreamWidth#FULL} counts the full-size annotated stream's,
     * a fixed width its downscaled ones. Does not grow with the number of viewers of that width.
     */
    public long framesEncodedAt(int width) {
        if (width == StreamWidth.FULL) {
            return pipeline.framesEncodedFull();
        }
        return hub.sizes().encodedAt(width) + (cleanHub != hub ? cleanHub.sizes().encodedAt(width) : 0);
    }

    /** Frames written to viewers, of both streams, at every width. */
    public long framesSent() {
        return hub.framesSentAllWidths() + (cleanHub != hub ? cleanHub.framesSentAllWidths() : 0);
    }

    /** Frames a slow viewer never got because a newer one replaced them, of both streams, at every width. */
    public long framesSkipped() {
        return hub.framesSkippedAllWidths() + (cleanHub != hub ? cleanHub.framesSkippedAllWidths() : 0);
    }

    public CaptureState captureState() {
        return worker.state();
    }

    /** Reopens of the source after it failed or ended. */
    public long reconnects() {
        return worker.reconnects();
    }

    /** How many times the analysis thread died and was replaced; 0 without analysis. */
    public long analysisDeaths() {
        return analysis == null ? 0 : analysis.deaths();
    }

    /** What the newest death of the analysis thread was; null while none. */
    public String analysisLastDeath() {
        return analysis == null ? null : analysis.lastDeath();
    }

    /** Frames analysed per second over the last two seconds; 0 without analysis. */
    public double analysisFps() {
        return analysis == null ? 0 : analysis.fps();
    }

    public long framesAnalyzed() {
        return analysis == null ? 0 : analysis.framesAnalyzed();
    }

    public CameraStatus status() {
        JpegFrame newest = hub.newest();
        long[] crossings = analysis == null ? new long[] {0, 0} : analysis.crossings();
        return new CameraStatus(config.id(), config.name(), Secrets.maskUrl(config.source()), worker.state().apiName(),
                worker.sourceFps(), config.idleSeconds(), viewers(), framesCaptured(),
                framesEncoded(), framesSent(), framesSkipped(), worker.lastError(),
                config.alwaysOn(), newest == null ? 0 : newest.captureMillis(),
                analysis != null, analysisFps(), framesAnalyzed(), crossings[0], crossings[1],
                config.analysis().spelling(),
                config.analysis() == AnalysisMode.GATE ? config.liveness().spelling() : null,
                analysis == null ? null : Secrets.maskUrl(analysis.lastError()));
    }
}
