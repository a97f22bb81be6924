package org.gatewatch.analysis.pedestrians;

import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.PersonDetectorKind;
import org.gatewatch.natives.InferenceThreads;

/** Makes the person detector a camera's {@code people.detector} names. */
public final class PersonDetectors {

    private PersonDetectors() {
    }

    /**
     * A new detector for one analysis thread; HOG needs the OpenCV natives, SSD and auto TFLite's too.
     *
     * @param inferenceThreads how many threads each SSD run gets, shared by the node's cameras
     */
    public static PedestrianDetector create(PedestrianConfig config, InferenceThreads inferenceThreads) {
        return switch (config.detector()) {
            case HOG -> new HogPedestrianDetector(config.hog());
            case SSD -> SsdPersonDetector.create(inferenceThreads);
            case AUTO -> new AutoPersonDetector(SsdPersonDetector.create(inferenceThreads), config.hog());
        };
    }

    /**
     * Whether a detection on a still part of the picture may start a track. HOG's false positives sit on the still
     * background (window frames, a parked van), so with HOG only what moved starts one; SSD's confident boxes do not
     * (none on the empty footage of bench-people), and a person standing still at a door is a person. With
     * {@code auto}, only its SSD boxes (scores from {@link SsdPersonDetector#MIN_SCORE} up) may; its HOG boxes score
     * below that.
     */
    public static boolean stillMayStart(PersonDetectorKind kind) {
        return kind != PersonDetectorKind.HOG;
    }
}
