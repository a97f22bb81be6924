package org.gatewatch.stream;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Encodes a camera's frames to JPEG, once per frame whatever the number of viewers. Owned by one capture thread at
 * a time; its native buffers are reused across frames and released by {@link #close()}.
 */
public final class JpegEncoder implements AutoCloseable {

    private final MatOfInt params;
    private final MatOfByte buffer = new MatOfByte();

    public JpegEncoder(int quality) {
        this.params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
    }

    /** Invoked by the capture thread; the returned frame is shared read-only by every viewer. */
    public JpegFrame encode(Mat bgr, long seq, long captureMillis) {
        return JpegFrame.of(seq, captureMillis, encode(bgr));
    }

    /** The JPEG bytes of {@code bgr} (a frame, or a region of one), for whoever owns this encoder. */
    public byte[] encode(Mat bgr) {
        if (!Imgcodecs.imencode(".jpg", bgr, buffer, params)) {
            throw new IllegalStateException("JPEG encoding failed for a " + bgr.cols() + "x" + bgr.rows() + " image");
        }
        return buffer.toArray();
    }

    @Override
    public void close() {
        buffer.release();
        params.release();
    }
}
