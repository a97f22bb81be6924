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
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.capture.FfmpegSource;
import org.gatewatch.cli.Machine;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.gate.AccessPolicy;
import org.gatewatch.gate.FaceChecks;
import org.gatewatch.gate.GateAnalysis;
import org.opencv.core.Mat;

/**
 * Runs a camera's live gate analysis over footage (a video file, or a {@link StillScene}), built as app.Analyzers
 * builds a camera with
 * {@code analysis = gate} and the default face settings (a {@link GateAnalysis} over a {@link PedestrianAnalyzer},
 * an MTCNN + MobileFaceNet {@link FaceRecognizer}, liveness {@code score}, {@code faces.votes} 3),
 * on this one thread and as fast as the video decodes, as the camera's analysis thread would if it never waited.
 * Each frame is timed end to end with the wall clock; the stages are read from the analyzers' running sums around
 * the same call, so nothing of the pipeline is repeated here. Decoding is outside the timings.
 */
public final class GateTiming {

    private static final Logger LOG = LogManager.getLogger(GateTiming.class);

    /**
     * One run's figures; stage samples are per counted frame.
     *
     * @param people      HOG + NMS + tracker: the pedestrian analyzer's time less its motion model
     * @param faces       the face detector's pass over the whole frame (zero on frames where faces were not looked
     *                    for)
     * @param recognition align + embed + gallery match of the faces found on the frame
     * @param other       the rest of GateAnalysis.analyze: walks, votes, liveness scores (faces that could grant
     *                    access only), decisions, snapshot JPEGs, the overlay
     */
    public record Run(int width, int height, double sourceFps, int warmup, FrameTimes total, FrameTimes motion,
               FrameTimes people, FrameTimes faces, FrameTimes recognition, FrameTimes other, long facesFound,
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
    public Run run(Footage footage, PedestrianConfig config, Gallery gallery, long maxFrames, int warmup) throws IOException {
        FrameTimes total = new FrameTimes();
        FrameTimes motion = new FrameTimes();
        FrameTimes people = new FrameTimes();
        FrameTimes faces = new FrameTimes();
        FrameTimes recognition = new FrameTimes();
        FrameTimes other = new FrameTimes();
        long facesFound = 0;
        long recognitionNanos = 0;
        long threadCpu = 0;
        long processCpu = 0;
        int[] events = {0};
        PedestrianAnalyzer pedestrians = new PedestrianAnalyzer(config);
        FaceChecks checks = newFaceChecks(pedestrians);
        FaceRecognizer recognizer = checks.recognizer();
        AccessPolicy policy = new AccessPolicy(
                new AccessPolicy.Liveness(false, CameraConfig.DEFAULT_LIVENESS_THRESHOLD));
        // The gate's own constructor arguments, as app.Analyzers passes them; no person records (every known face
        // is then denied, which costs the same as granting) and events only counted.
        try (Footage source = footage;
             GateAnalysis gate = new GateAnalysis("bench", pedestrians, checks, () -> gallery,
                     id -> Optional.empty(), e -> events[0]++, Clock.systemDefaultZone(), config.countingLine(),
                     policy)) {
            int width = 0;
            int height = 0;
            long index = 0;
            Mat frame;
            while (index < maxFrames && (frame = source.next()) != null) {
                width = frame.cols();
                height = frame.rows();
                PedestrianAnalyzer.Spent p0 = pedestrians.spent();
                FaceRecognizer.LiveSpent f0 = recognizer.liveSpent();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long proc0 = Machine.processCpuNanos();
                long t0 = System.nanoTime();
                gate.analyze(frame, System.currentTimeMillis());
                long t1 = System.nanoTime();
                long proc1 = Machine.processCpuNanos();
                long cpu1 = threads.getCurrentThreadCpuTime();
                PedestrianAnalyzer.Spent p1 = pedestrians.spent();
                FaceRecognizer.LiveSpent f1 = recognizer.liveSpent();
                if (index++ < warmup) {
                    continue;
                }
                long m = p1.motionNanos() - p0.motionNanos();
                long p = p1.totalNanos() - p0.totalNanos() - m;
                long d = f1.detectNanos() - f0.detectNanos();
                long r = f1.recognizeNanos() - f0.recognizeNanos();
                long found = f1.faces() - f0.faces();
                total.add(t1 - t0, true);
                motion.add(m, config.motionGating());
                people.add(p, true);
                faces.add(d, f1.calls() > f0.calls());
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
            return new Run(width, height, source.fps(), (int) Math.min(warmup, index), total, motion, people, faces,
                    recognition, other, facesFound, recognitionNanos,
                    counted == 0 ? 0 : threadCpu / 1e6 / counted, counted == 0 ? 0 : processCpu / 1e6 / counted,
                    pedestrians.tracksStarted(), events[0]);
        }
    }

    /** The gate's face checks, as app.Analyzers loads them; the pedestrian analyzer is closed if they fail. */
    private FaceChecks newFaceChecks(PedestrianAnalyzer pedestrians) {
        try {
            return FaceChecks.load(minFaceSize, true, RecognitionConfig.DEFAULTS.votes());
        } catch (RuntimeException e) {
            pedestrians.close();
            throw e;
        }
    }
}
