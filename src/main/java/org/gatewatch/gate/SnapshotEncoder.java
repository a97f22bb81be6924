package org.gatewatch.gate;

import org.opencv.core.Mat;

/**
 * Turns a picture into the JPEG stored with an event. The camera assembly passes its stream's encoder at the
 * camera's {@code jpegQuality}, so the gate encodes as the stream does without depending on it.
 */
public interface SnapshotEncoder extends AutoCloseable {

    /** Invoked by the analysis thread; {@code bgr} is only read. */
    byte[] jpeg(Mat bgr);

    /** Releases the encoder's native buffers; invoked once, when the analysis closes. */
    @Override
    void close();
}
