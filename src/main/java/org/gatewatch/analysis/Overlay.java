package org.gatewatch.analysis;

import org.opencv.core.Mat;

/** What the newest analysis result draws on every streamed frame, so the stream keeps its rate. */
@FunctionalInterface
public interface Overlay {

    Overlay NONE = frame -> { };

    /** Invoked by the capture thread on the frame about to be encoded; draws in place. */
    void drawOn(Mat frame);
}
