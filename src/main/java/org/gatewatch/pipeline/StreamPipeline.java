package org.gatewatch.pipeline;

import java.util.concurrent.atomic.LongAdder;
import org.gatewatch.capture.FrameSink;
import org.gatewatch.stream.FrameHub;
import org.opencv.core.Mat;

/** The frame path of one camera: captured frame → JPEG (once) → the camera's hub. */
public final class StreamPipeline implements FrameSink {

    private final JpegEncoder encoder;
    private final FrameHub hub;
    private final LongAdder encoded = new LongAdder();

    public StreamPipeline(JpegEncoder encoder, FrameHub hub) {
        this.encoder = encoder;
        this.hub = hub;
    }

    /** Invoked by the capture thread with each frame. */
    @Override
    public void accept(Mat frame, long captureMillis) {
        hub.publish(encoder.encode(frame, captureMillis));
        encoded.increment();
    }

    public long framesEncoded() {
        return encoded.sum();
    }

    /** Invoked after the capture thread stopped. */
    public void close() {
        encoder.close();
    }
}
