package org.gatewatch.camera;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.StageTimer;
import org.gatewatch.analysis.faces.FaceAntiSpoofing;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.config.AnalysisMode;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.LivenessMode;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.gate.AccessPolicy;
import org.gatewatch.natives.FaceModels;
import org.gatewatch.natives.InferenceThreads;
import org.gatewatch.natives.ModelPool;
import org.gatewatch.people.People;

/**
 * Builds each camera's analysis from its {@code analysis} setting: off, people, or gate (people + faces). Owns the
 * liveness models the gate cameras share, loaded when a camera first scores a face: at most one per core, since no
 * more can run at once. Closed after the cameras it built have stopped.
 */
public final class Analyzers implements AutoCloseable {

    private final RecognitionConfig recognition;
    private final AnalysisFactory.Outlets outlets;
    private final Function<String, StageTimer> timers;
    private final InferenceThreads inferenceThreads;
    /** Found when the first camera that scores liveness is built, so a missing model still fails the start. */
    private volatile Path livenessModelFile;
    private final ModelPool<FaceAntiSpoofing> livenessModels = new ModelPool<>("liveness model",
            () -> new FaceAntiSpoofing(livenessModelFile), Runtime.getRuntime().availableProcessors());

    /** Analysis of one camera, whose stages are timed by nobody. */
    public Analyzers(RecognitionConfig recognition, People persons, EventRecorder recorder, Supplier<Gallery> gallery,
                     Clock clock) {
        this(recognition, persons, recorder, gallery, clock, cameraId -> StageTimer.NONE, 1);
    }

    /**
     * @param timers           each camera's stage timer, by camera id (the metrics)
     * @param analysingCameras how many cameras analyse, sharing the cores ({@link InferenceThreads})
     */
    public Analyzers(RecognitionConfig recognition, People persons, EventRecorder recorder, Supplier<Gallery> gallery,
                     Clock clock, Function<String, StageTimer> timers, int analysingCameras) {
        this.recognition = recognition;
        this.outlets = new AnalysisFactory.Outlets(gallery, id -> persons.find(id), recorder::record, clock);
        this.timers = timers;
        this.inferenceThreads = new InferenceThreads(analysingCameras);
    }

    /** The camera's analysis, or null for a plain stream. The camera owns and closes it. */
    public FrameAnalyzer forCamera(CameraConfig camera) {
        if (camera.analysis() == AnalysisMode.OFF) {
            return null;
        }
        boolean liveness = camera.analysis() == AnalysisMode.GATE && camera.liveness() != LivenessMode.OFF;
        if (liveness && livenessModelFile == null) {
            livenessModelFile = FaceModels.locate(FaceModels.ANTI_SPOOFING);
        }
        AnalysisFactory.Faces faces = camera.analysis() == AnalysisMode.GATE
                ? new AnalysisFactory.Faces(recognition.minSize(), recognition.votes(), liveness,
                        new AccessPolicy.Liveness(camera.livenessEnforced(), camera.livenessThreshold()),
                        recognition.decideAfterMillis())
                : null;
        return new AnalysisFactory(outlets, timers.apply(camera.id()), inferenceThreads, livenessModels)
                .build(camera.id(), camera.pedestrians(), faces, camera.jpegQuality());
    }

    /** Closes the shared liveness models; the cameras built here must have stopped. Idempotent. */
    @Override
    public void close() {
        livenessModels.close();
    }
}
