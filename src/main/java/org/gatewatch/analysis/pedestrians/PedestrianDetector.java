package org.gatewatch.analysis.pedestrians;

import java.util.List;
import org.opencv.core.Mat;

/**
 * Finds pedestrians in a BGR frame: {@link HogPedestrianDetector}, {@link SsdPersonDetector} (a TensorFlow Lite
 * model) or {@link AutoPersonDetector} (each where it is good), chosen by {@link PersonDetectors}. One instance is
 * used by one thread at a time (the camera's analysis thread or the analyze tool); it owns its native state and frees
 * it in {@link #close()}.
 */
public interface PedestrianDetector extends AutoCloseable {

    /** Pedestrians anywhere in {@code frame}; boxes in the frame's pixels, not suppressed against each other yet. */
    List<Detection> detect(Mat frame);

    /**
     * Pedestrians inside the given regions only (clipped to the frame), for frames where motion or existing tracks say
     * where to look and how tall a pedestrian there should be. Boxes are in the frame's pixels.
     */
    List<Detection> detect(Mat frame, List<SearchRegion> regions);

    /** Releases native memory. Safe to call twice. */
    @Override
    void close();
}
