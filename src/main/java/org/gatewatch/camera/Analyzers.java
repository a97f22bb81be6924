package org.gatewatch.camera;

import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;
import org.gatewatch.analysis.AnalysisConfig;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.StageTimer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.app.Records;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.GateWatchConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.gate.AccessPolicy;

/** Builds each camera's analysis from its {@code analysis} setting: off, people, or gate (people + faces). */
public final class Analyzers {

    private final Properties peopleSection;
    private final RecognitionConfig recognition;
    private final AnalysisFactory factory;

    /**
     * @param peopleSection the {@code people.*} keys and the cameras' own {@code camera.<id>.people.*} overrides,
     *                      checked before (see {@link #check})
     */
    public Analyzers(Properties peopleSection, RecognitionConfig recognition, Records records, Supplier<Gallery> gallery,
              Clock clock) {
        this.peopleSection = peopleSection;
        this.recognition = recognition;
        this.factory = new AnalysisFactory(new AnalysisFactory.Outlets(gallery, id -> records.people().find(id),
                records.recorder()::record, clock), StageTimer.NONE);
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
        AnalysisFactory.Faces faces = camera.analysis().equals("gate")
                ? new AnalysisFactory.Faces(recognition.minSize(), recognition.votes(),
                        !camera.liveness().equals("off"),
                        new AccessPolicy.Liveness(camera.livenessEnforced(), camera.livenessThreshold()))
                : null;
        return factory.build(camera.id(), config, faces, camera.jpegQuality());
    }
}
