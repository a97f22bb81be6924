package org.gatewatch.capture;

import org.opencv.core.Mat;

/** Takes each captured frame. */
@FunctionalInterface
public interface FrameSink {

    /**
     * Invoked by the capture thread with each frame. The Mat belongs to the source and is overwritten by the next
     * grab: a sink that keeps it past the call (another thread) must clone it.
     */
    void accept(Mat frame, long captureMillis);
}
