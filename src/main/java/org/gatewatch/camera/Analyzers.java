package org.gatewatch.camera;

import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;
import org.gatewatch.analysis.AnalysisConfig;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.GateWatchConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.gate.AccessPolicy;
import org.gatewatch.gate.FaceChecks;
import org.gatewatch.gate.GateAnalysis;
import org.gatewatch.people.People;

/** Builds each camera's analysis from its {@code analysis} setting: off, people, or gate (people + faces). */
public final class Analyzers {

    private final Properties peopleSection;
    private final RecognitionConfig recognition;
    private final People persons;
    private final EventRecorder recorder;
    private final Supplier<Gallery> gallery;
    private final Clock clock;

    /**
     * @param peopleSection the {@code people.*} keys and the cameras' own {@code camera.<id>.people.*} overrides,
     *                      checked before (see {@link #check})
     */
    public Analyzers(Properties peopleSection, RecognitionConfig recognition, People persons, EventRecorder recorder,
                     Supplier<Gallery> gallery, Clock clock) {
        this.peopleSection = peopleSection;
        this.recognition = recognition;
        this.persons = persons;
        this.recorder = recorder;
        this.gallery = gallery;
        this.clock = clock;
    }

    /**
     * Checks the {@code people.*} section and every camera's overrides, so a bad key stops the start before
     * anything is opened or loaded, even on a camera with analysis off.
     */
    public static void check(GateWatchConfig config) {
        AnalysisConfig.from(config.delegated());
        for (CameraConfig camera : config.cameras()) {
            AnalysisConfig.forCamera(config.delegated(), camera.id());
        }
    }

    /** The camera's analysis, or null for a plain stream. The camera owns and closes it. */
    public FrameAnalyzer forCamera(CameraConfig camera) {
        if (camera.analysis().equals("off")) {
            return null;
        }
        AnalysisConfig people = AnalysisConfig.forCamera(peopleSection, camera.id());
        // camera.<id>.countingLine is a camera key, not in the people section: it wins, as in analyze --camera.
        double[] line = camera.countingLine();
        AnalysisConfig config = new AnalysisConfig(people.hog(), people.motion(), people.tracker(),
                people.motionGating(), people.roiMargin(), line != null ? line : people.countingLine());
        AccessPolicy policy = new AccessPolicy(
                new AccessPolicy.Liveness(camera.livenessEnforced(), camera.livenessThreshold()));
        FaceChecks faces = camera.analysis().equals("gate")
                ? FaceChecks.load(recognition.minSize(), !camera.liveness().equals("off"), recognition.votes())
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
