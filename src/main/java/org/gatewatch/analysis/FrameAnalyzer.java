package org.gatewatch.analysis;

import org.opencv.core.Mat;

/**
 * The analysis of one camera (detect, recognize, track), run beside capture on the newest frame. Implementations
 * are called from one analysis thread only, so they may keep state across frames (tracks, background model).
 */
public interface FrameAnalyzer extends AutoCloseable {

    /**
     * Invoked by the camera's analysis thread with a private copy of a frame (BGR, the source's size). Returns what
     * to draw on the streamed frames until the next result.
     */
    Overlay analyze(Mat frame, long captureMillis);

    /** Pedestrians counted across the camera's counting line so far: {@code [in, out]}; read from any thread. */
    default long[] crossings() {
        return new long[] {0, 0};
    }

    /** Releases native memory; invoked once after the analysis thread stopped. */
    @Override
    void close();
}
