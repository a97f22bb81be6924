package org.gatewatch.camera;

import java.time.Clock;
import java.util.function.Supplier;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.config.AnalysisMode;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.LivenessMode;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.gate.AccessPolicy;
import org.gatewatch.gate.FaceChecks;
import org.gatewatch.gate.GateAnalysis;
import org.gatewatch.people.People;

/** Builds each camera's analysis from its {@code analysis} setting: off, people, or gate (people + faces). */
public final class Analyzers {

    private final RecognitionConfig recognition;
    private final People persons;
    private final EventRecorder recorder;
    private final Supplier<Gallery> gallery;
    private final Clock clock;

    public Analyzers(RecognitionConfig recognition, People persons, EventRecorder recorder, Supplier<Gallery> gallery,
                     Clock clock) {
        this.recognition = recognition;
        this.persons = persons;
        this.recorder = recorder;
        this.gallery = gallery;
        this.clock = clock;
    }

    /** The camera's analysis, or null for a plain stream. The camera owns and closes it. */
    public FrameAnalyzer forCamera(CameraConfig camera) {
        if (camera.analysis() == AnalysisMode.OFF) {
            return null;
        }
        PedestrianConfig config = camera.pedestrians();
        AccessPolicy policy = new AccessPolicy(
                new AccessPolicy.Liveness(camera.livenessEnforced(), camera.livenessThreshold()));
        FaceChecks faces = camera.analysis() == AnalysisMode.GATE
                ? FaceChecks.load(recognition.minSize(), camera.liveness() != LivenessMode.OFF, recognition.votes())
                : null;
        PedestrianAnalyzer pedestrians;
        try {
            pedestrians = new PedestrianAnalyzer(config);
        } catch (RuntimeException e) {
            if (faces != null) {
                faces.close();
            }
            throw e;
        }
        return new GateAnalysis(camera.id(), pedestrians, faces, gallery, id -> persons.find(id),
                recorder::record, clock, config.countingLine(), policy);
    }
}
