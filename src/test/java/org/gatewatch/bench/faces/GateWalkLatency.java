package org.gatewatch.bench.faces;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.StageTimer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.camera.AnalysisFactory;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.events.Decision;
import org.gatewatch.events.NewEvent;
import org.gatewatch.gate.AccessPolicy;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * The gate's own decision latency on the benchmark walks: the walks' frames go through a camera's whole analysis
 * (built by the cameras' {@link AnalysisFactory} with the default face settings), one after another with an empty
 * grey picture between them so each walk's track ends. Frames carry footage time at {@link BenchWalks#ANALYSED_FPS}
 * fps; a decision's latency is from its walk's first frame to the frame it was decided on, plus the wall time the
 * analysis of that frame took.
 */
final class GateWalkLatency {

    /** Grey frames between walks: more than a walk's track outlives its last sighting. */
    private static final int GAP_FRAMES = 30;
    private static final long FRAME_MILLIS = 1000 / BenchWalks.ANALYSED_FPS;

    private GateWalkLatency() {
    }

    static void print(Path media, Gallery gallery, PrintStream out) throws IOException {
        List<NewEvent> events = new ArrayList<>();
        AnalysisFactory factory = new AnalysisFactory(new AnalysisFactory.Outlets(() -> gallery,
                id -> Optional.empty(), events::add, Clock.systemUTC()), StageTimer.NONE, null);
        RecognitionConfig d = RecognitionConfig.DEFAULTS;
        AnalysisFactory.Faces faces = new AnalysisFactory.Faces(d.minSize(), d.votes(), false,
                AccessPolicy.Liveness.RECORDED_ONLY, d.decideAfterMillis());
        Map<Integer, Long> walkStart = new HashMap<>();
        Map<Long, Long> wallNanos = new HashMap<>();
        long[] clock = {1_000_000};
        try (FrameAnalyzer gate = factory.build("bench", PedestrianConfig.DEFAULTS, faces, 80)) {
            Mat[] grey = {null};
            BenchWalks.visit(media, new BenchWalks.Visitor() {
                @Override
                public void frame(int walk, String person, long millis, Mat frame) {
                    if (grey[0] == null) {
                        grey[0] = new Mat(frame.rows(), frame.cols(), CvType.CV_8UC3, new Scalar(110, 110, 110));
                        gap(gate, grey[0], clock, wallNanos);
                    }
                    walkStart.putIfAbsent(walk, clock[0]);
                    analyse(gate, frame, clock, wallNanos);
                }

                @Override
                public void ended(int walk) {
                    gap(gate, grey[0], clock, wallNanos);
                }
            });
            if (grey[0] != null) {
                grey[0].release();
            }
        }
        List<Long> latency = new ArrayList<>();
        int decided = 0;
        int passages = 0;
        List<Long> starts = walkStart.values().stream().sorted().toList();
        boolean[] seen = new boolean[starts.size()];
        for (NewEvent e : events) {
            if (e.decision() == Decision.PASSAGE) {
                passages++;
                continue;
            }
            long at = e.time().toEpochMilli();
            int walk = -1;
            for (int i = 0; i < starts.size() && starts.get(i) <= at; i++) {
                walk = i;
            }
            if (walk < 0 || seen[walk]) {
                continue;
            }
            seen[walk] = true;
            decided++;
            latency.add(at - starts.get(walk) + wallNanos.getOrDefault(at, 0L) / 1_000_000);
        }
        latency.sort(null);
        out.printf(Locale.ROOT, "gate: the camera's whole analysis over the %d walks (faces.decideAfterMillis %d): "
                + "%d decided with a face, %d PASSAGE events; decision latency from the walk's first frame p50 %d ms, "
                + "p99 %d ms%n", starts.size(), d.decideAfterMillis(), decided, passages,
                WalkDecisions.percentile(latency, 50), WalkDecisions.percentile(latency, 99));
    }

    private static void gap(FrameAnalyzer gate, Mat grey, long[] clock, Map<Long, Long> wallNanos) {
        for (int i = 0; i < GAP_FRAMES; i++) {
            analyse(gate, grey, clock, wallNanos);
        }
    }

    private static void analyse(FrameAnalyzer gate, Mat frame, long[] clock, Map<Long, Long> wallNanos) {
        long t0 = System.nanoTime();
        gate.analyze(frame, clock[0]);
        wallNanos.put(clock[0], System.nanoTime() - t0);
        clock[0] += FRAME_MILLIS;
    }
}
