package org.gatewatch.bench.analysis;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.StageTimer.Stage;
import org.gatewatch.analysis.faces.FaceAntiSpoofing;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.camera.AnalysisFactory;
import org.gatewatch.capture.FfmpegSource;
import org.gatewatch.cli.Machine;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.gate.AccessPolicy;
import org.gatewatch.gate.GateAnalysis;
import org.gatewatch.natives.ModelPool;
import org.opencv.core.Mat;

/**
 * Runs a camera's live gate analysis over footage (a video file, or a {@link StillScene}), built by the cameras'
 * {@link AnalysisFactory} as for a camera with {@code analysis = gate} and the default face settings (a
 * {@link GateAnalysis} over a {@link PedestrianAnalyzer}, MTCNN + MobileFaceNet, liveness {@code score},
 * {@code faces.votes} 3), on this one thread and as fast as the video decodes, as the camera's analysis thread would
 * if it never waited. Each frame is timed end to end with the wall clock; the stages tell a {@link StageClock} what
 * they cost within the same call, so nothing of the pipeline is repeated here. Decoding is outside the timings.
 */
public final class GateTiming {

    private static final Logger LOG = LogManager.getLogger(GateTiming.class);
    /** The default of {@code camera.<id>.jpegQuality}: the snapshots are encoded as a default camera's. */
    private static final int CAMERA_JPEG_QUALITY = 80;

    /**
     * One run's figures; stage samples are per counted frame.
     *
     * @param pedestrians HOG + NMS + tracker: the pedestrian analyzer's time less its motion model
     * @param faces       the face detector's pass over the whole frame (zero on frames where faces were not looked
     *                    for)
     * @param recognition align + embed + gallery match of the faces found on the frame
     * @param other       the rest of GateAnalysis.analyze: walks, votes, liveness scores (faces that could grant
     *                    access only), decisions, snapshot JPEGs, the overlay
     */
    public record Run(int width, int height, double sourceFps, int warmup, FrameTimes total, FrameTimes motion,
               FrameTimes pedestrians, FrameTimes faces, FrameTimes recognition, FrameTimes other, long facesFound,
               long recognitionNanos, double threadCpuMs, double processCpuMs, int tracks, int events) {

        /** Align + embed + match per face found, or NaN when no face was found. */
        double recognitionMsPerFace() {
            return facesFound == 0 ? Double.NaN : recognitionNanos / 1e6 / facesFound;
        }
    }

    /** The footage of one run: frames owned by the source, valid until the next call; null at the end. */
    public interface Footage extends AutoCloseable {

        Mat next() throws IOException;

        double fps();

        @Override
        void close() throws IOException;

        /** A video file, decoded as fast as it goes. */
        static Footage of(Path video) throws IOException {
            FfmpegSource source = new FfmpegSource(video.toString(), null, Map.of(), false, false);
            try {
                source.open();
            } catch (IOException | RuntimeException e) {
                source.close();
                throw e;
            }
            return new Footage() {
                @Override
                public Mat next() throws IOException {
                    return source.grab();
                }

                @Override
                public double fps() {
                    return source.fps();
                }

                @Override
                public void close() {
                    source.close();
                }
            };
        }

        /** An empty gate: {@code scene} replayed at {@code fps} (this footage owns and closes it). */
        static Footage still(StillScene scene, double fps) {
            return new Footage() {
                @Override
                public Mat next() {
                    return scene.next();
                }

                @Override
                public double fps() {
                    return fps;
                }

                @Override
                public void close() {
                    scene.close();
                }
            };
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final int minFaceSize;

    /** @param minFaceSize the smallest face the detector looks for ({@code faces.minSize}) */
    public GateTiming(int minFaceSize) {
        this.minFaceSize = minFaceSize;
    }

    public int minFaceSize() {
        return minFaceSize;
    }

    /**
     * Analyses up to {@code maxFrames} frames of {@code footage} (and closes it); the first {@code warmup} run but
     * are not counted (JIT compilation, and the background model's first frames, when everything looks like motion).
     */
    public Run run(Footage footage, PedestrianConfig config, Gallery gallery, long maxFrames, int warmup)
            throws IOException {
        FrameTimes total = new FrameTimes();
        FrameTimes motion = new FrameTimes();
        FrameTimes pedestrianTimes = new FrameTimes();
        FrameTimes faceTimes = new FrameTimes();
        FrameTimes recognition = new FrameTimes();
        FrameTimes other = new FrameTimes();
        long facesFound = 0;
        long recognitionNanos = 0;
        long threadCpu = 0;
        long processCpu = 0;
        int[] events = {0};
        StageClock stages = new StageClock();
        // No person records (every known face is then denied, which costs the same as granting); events only counted.
        // The gate scores liveness as a live camera does, with the one model a camera alone would load.
        ModelPool<FaceAntiSpoofing> liveness = new ModelPool<>("liveness model", FaceAntiSpoofing::fromClasspath, 1);
        AnalysisFactory factory = new AnalysisFactory(new AnalysisFactory.Outlets(() -> gallery,
                id -> Optional.empty(), e -> events[0]++, Clock.systemDefaultZone()), stages, liveness);
        AnalysisFactory.Faces faces = new AnalysisFactory.Faces(minFaceSize, RecognitionConfig.DEFAULTS.votes(), true,
                new AccessPolicy.Liveness(false, CameraConfig.DEFAULT_LIVENESS_THRESHOLD));
        PedestrianAnalyzer pedestrians = new PedestrianAnalyzer(config, stages);
        try (ModelPool<FaceAntiSpoofing> models = liveness; Footage source = footage;
             FrameAnalyzer gate = factory.build("bench", pedestrians, config.countingLine(), faces,
                     CAMERA_JPEG_QUALITY)) {
            int width = 0;
            int height = 0;
            long index = 0;
            Mat frame;
            while (index < maxFrames && (frame = source.next()) != null) {
                width = frame.cols();
                height = frame.rows();
                stages.reset();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long proc0 = Machine.processCpuNanos();
                long t0 = System.nanoTime();
                gate.analyze(frame, System.currentTimeMillis());
                long t1 = System.nanoTime();
                long proc1 = Machine.processCpuNanos();
                long cpu1 = threads.getCurrentThreadCpuTime();
                if (index++ < warmup) {
                    continue;
                }
                long m = stages.nanos(Stage.MOTION);
                long p = stages.nanos(Stage.PEDESTRIANS);
                long d = stages.nanos(Stage.FACE_DETECTION);
                long r = stages.nanos(Stage.FACE_RECOGNITION);
                long found = stages.faces();
                total.add(t1 - t0, true);
                motion.add(m, config.motionGating());
                pedestrianTimes.add(p, true);
                faceTimes.add(d, stages.ran(Stage.FACE_DETECTION));
                recognition.add(r, found > 0);
                other.add(t1 - t0 - m - p - d - r, true);
                facesFound += found;
                recognitionNanos += r;
                threadCpu += cpu1 - cpu0;
                processCpu += proc1 - proc0;
                if (index % 200 == 0) {
                    LOG.info("motion gating {}: {} frames, {} faces so far", config.motionGating() ? "on" : "off",
                            index, facesFound);
                }
            }
            int counted = total.samples();
            return new Run(width, height, source.fps(), (int) Math.min(warmup, index), total, motion, pedestrianTimes,
                    faceTimes, recognition, other, facesFound, recognitionNanos,
                    counted == 0 ? 0 : threadCpu / 1e6 / counted, counted == 0 ? 0 : processCpu / 1e6 / counted,
                    pedestrians.tracksStarted(), events[0]);
        }
    }
}
