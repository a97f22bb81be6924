package org.gatewatch.camera;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.StageTimer;
import org.gatewatch.analysis.faces.FaceAntiSpoofing;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.events.NewEvent;
import org.gatewatch.gate.AccessPolicy;
import org.gatewatch.gate.Decisions;
import org.gatewatch.gate.FaceChecks;
import org.gatewatch.gate.GateAnalysis;
import org.gatewatch.gate.GateOverlay;
import org.gatewatch.gate.SnapshotEncoder;
import org.gatewatch.gate.TrackVote;
import org.gatewatch.gate.WalkFaces;
import org.gatewatch.gate.Walks;
import org.gatewatch.natives.InferenceThreads;
import org.gatewatch.natives.ModelPool;
import org.gatewatch.people.Person;
import org.gatewatch.stream.JpegEncoder;
import org.opencv.core.Mat;

/**
 * Builds a camera's analysis, pedestrians only or the whole gate, from its parts. The camera assembly and the
 * analysis benchmark both build through here, so the benchmark times the wiring the cameras run.
 */
public final class AnalysisFactory {

    /**
     * What every camera's gate decides with and where its decisions go.
     *
     * @param gallery the enrolled faces now; read on every frame, so a retrained gallery applies at once
     * @param persons the stored person by id, for the access rules
     * @param events  where decisions go (the event recorder)
     */
    public record Outlets(Supplier<Gallery> gallery, LongFunction<Optional<Person>> persons,
                          Consumer<NewEvent> events, Clock clock) {
    }

    /**
     * The face half of a gate camera.
     *
     * @param minSize  the smallest face looked for, px ({@code faces.minSize})
     * @param votes    best faces kept per walk ({@code faces.votes})
     * @param liveness whether the liveness model scores faces ({@code camera.<id>.liveness} not off)
     * @param rule     what the scores decide
     * @param decideAfterMillis how long after its first usable face a walk is decided ({@code faces.decideAfterMillis})
     */
    public record Faces(int minSize, int votes, boolean liveness, AccessPolicy.Liveness rule, long decideAfterMillis) {

        /** With the default wait for the best face. */
        public Faces(int minSize, int votes, boolean liveness, AccessPolicy.Liveness rule) {
            this(minSize, votes, liveness, rule, RecognitionConfig.DEFAULTS.decideAfterMillis());
        }
    }

    private final Outlets outlets;
    private final StageTimer timer;
    private final InferenceThreads inferenceThreads;
    private final ModelPool<FaceAntiSpoofing> livenessModels;

    /** For the only camera that analyses on this machine: its person model may use the cores. */
    public AnalysisFactory(Outlets outlets, StageTimer timer, ModelPool<FaceAntiSpoofing> livenessModels) {
        this(outlets, timer, InferenceThreads.alone(), livenessModels);
    }

    /**
     * @param timer            told what each stage costs; {@link StageTimer#NONE} on live cameras
     * @param inferenceThreads how many threads each run of a person model gets, shared by the node's cameras
     * @param livenessModels   the liveness models the node's cameras share (not owned), or null if none scores faces
     */
    public AnalysisFactory(Outlets outlets, StageTimer timer, InferenceThreads inferenceThreads,
                           ModelPool<FaceAntiSpoofing> livenessModels) {
        this.outlets = outlets;
        this.timer = timer;
        this.inferenceThreads = inferenceThreads;
        this.livenessModels = livenessModels;
    }

    /**
     * The analysis of one camera; the caller owns and closes it.
     *
     * @param faces       the gate's face settings, or null for pedestrians only (every walk is a PASSAGE)
     * @param jpegQuality the camera's {@code jpegQuality}, for the events' snapshots as for its stream
     */
    public FrameAnalyzer build(String cameraId, PedestrianConfig config, Faces faces, int jpegQuality) {
        return build(cameraId, new PedestrianAnalyzer(config, timer, inferenceThreads), config.countingLine(), faces, jpegQuality);
    }

    /**
     * As {@link #build(String, PedestrianConfig, Faces, int)} around a pedestrian analyzer made by the caller (who may
     * read its figures); the analysis owns it, and closes it here if the rest fails to load.
     */
    public FrameAnalyzer build(String cameraId, PedestrianAnalyzer pedestrians, double[] countingLine, Faces faces,
                               int jpegQuality) {
        WalkFaces walkFaces = null;
        Walks walks = null;
        try {
            if (faces != null) {
                if (faces.liveness() && livenessModels == null) {
                    throw new IllegalStateException("camera " + cameraId + " scores liveness, and no liveness models "
                            + "were given");
                }
                walkFaces = new WalkFaces(cameraId, FaceChecks.load(faces.minSize(),
                        faces.liveness() ? livenessModels : null, timer), faces.minSize());
            }
            walks = faces == null ? new Walks(snapshotEncoder(jpegQuality), TrackVote.DEFAULT_MIN_VOTES)
                    : new Walks(snapshotEncoder(jpegQuality), faces.votes(), faces.decideAfterMillis());
            AccessPolicy policy = new AccessPolicy(faces == null ? AccessPolicy.Liveness.RECORDED_ONLY : faces.rule());
            Decisions decisions = new Decisions(cameraId, policy, outlets.persons(), outlets.events(),
                    outlets.clock());
            return new GateAnalysis(pedestrians, outlets.gallery(), walkFaces, walks, decisions,
                    new GateOverlay(countingLine));
        } catch (RuntimeException e) {
            // Closes what was made (nulls skipped) and rethrows, with any failure to close suppressed in it.
            try (PedestrianAnalyzer p = pedestrians; WalkFaces f = walkFaces; Walks w = walks) {
                throw e;
            }
        }
    }

    /** The stream's encoder at the camera's quality, a second instance: the analysis thread owns this one. */
    private static SnapshotEncoder snapshotEncoder(int jpegQuality) {
        JpegEncoder encoder = new JpegEncoder(jpegQuality);
        return new SnapshotEncoder() {
            @Override
            public byte[] jpeg(Mat bgr) {
                return encoder.encode(bgr);
            }

            @Override
            public void close() {
                encoder.close();
            }
        };
    }
}
