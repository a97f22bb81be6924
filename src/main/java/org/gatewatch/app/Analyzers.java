package org.gatewatch.app;

import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;
import org.gatewatch.analysis.AnalysisConfig;
import org.gatewatch.analysis.PedestrianAnalyzer;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.detect.MtcnnFaceDetector;
import org.gatewatch.pipeline.AccessPolicy;
import org.gatewatch.pipeline.FaceChecks;
import org.gatewatch.pipeline.FrameAnalyzer;
import org.gatewatch.pipeline.GateAnalysis;
import org.gatewatch.recognize.FaceAntiSpoofing;
import org.gatewatch.recognize.FaceRecognizer;
import org.gatewatch.recognize.Gallery;
import org.gatewatch.recognize.MobileFaceNetEmbedder;
import org.gatewatch.records.Records;

/** Builds each camera's analysis from its {@code analysis} setting: off, people, or gate (people + faces). */
final class Analyzers {

    private final Properties peopleSection;
    private final RecognitionConfig recognition;
    private final Records records;
    private final Supplier<Gallery> gallery;
    private final Clock clock;

    /**
     * Reads and checks the {@code people.*} section now, so a bad key stops the start even with analysis off.
     *
     * @param peopleSection the {@code people.*} keys and the cameras' own {@code camera.<id>.people.*} overrides
     */
    Analyzers(Properties peopleSection, RecognitionConfig recognition, Records records, Supplier<Gallery> gallery,
              Clock clock) {
        AnalysisConfig.from(peopleSection);
        this.peopleSection = peopleSection;
        this.recognition = recognition;
        this.records = records;
        this.gallery = gallery;
        this.clock = clock;
    }

    /**
     * The camera's analysis, or null for a plain stream. The camera owns and closes it. Its people.* overrides are
     * checked even with analysis off.
     */
    FrameAnalyzer forCamera(CameraConfig camera) {
        AnalysisConfig people = AnalysisConfig.forCamera(peopleSection, camera.id());
        if (camera.analysis().equals("off")) {
            return null;
        }
        double[] line = camera.countingLine();
        AnalysisConfig config = new AnalysisConfig(people.hog(), people.motion(), people.tracker(),
                people.motionGating(), people.roiMargin(), line != null ? line : people.countingLine());
        FaceChecks faces = camera.analysis().equals("gate") ? faceChecks(camera) : null;
        AccessPolicy policy = new AccessPolicy(
                new AccessPolicy.Liveness(camera.livenessEnforced(), camera.livenessThreshold()));
        return new GateAnalysis(camera.id(), new PedestrianAnalyzer(config), faces, gallery,
                id -> records.people().find(id), records.recorder()::record, clock, config.countingLine(), policy);
    }

    private FaceChecks faceChecks(CameraConfig camera) {
        FaceRecognizer recognizer = new FaceRecognizer(MtcnnFaceDetector.fromClasspath(recognition.minSize()),
                MobileFaceNetEmbedder.fromClasspath());
        try {
            FaceAntiSpoofing liveness = camera.liveness().equals("off") ? null : FaceAntiSpoofing.fromClasspath();
            return new FaceChecks(recognizer, liveness, recognition.votes());
        } catch (RuntimeException e) {
            recognizer.close();
            throw e;
        }
    }
}
