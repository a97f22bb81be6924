package org.gatewatch.stream;

import org.gatewatch.picture.Shrink;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Encodes a camera's frames to JPEG, once per frame whatever the number of viewers. Owned by one capture thread at
 * a time; its native buffers are reused across frames and released by {@link #close()}.
 */
public final class JpegEncoder implements AutoCloseable {

    private final MatOfInt params;
    private final MatOfByte buffer = new MatOfByte();
    private final Mat scaled = new Mat();
    private final Mat shrinking = new Mat();

    public JpegEncoder(int quality) {
        this.params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
    }

    /** Invoked by the capture thread; the returned frame is shared read-only by every viewer. */
    public JpegFrame encode(Mat bgr, long seq, long captureMillis) {
        return JpegFrame.of(seq, captureMillis, encode(bgr));
    }

    /**
     * {@code bgr} scaled down to {@code width} (aspect kept) and encoded, for every viewer of that width. The caller
     * never asks for a width that would upscale: a viewer that wide gets the full picture.
     */
    public JpegFrame encodeScaled(Mat bgr, int width, long seq, long captureMillis) {
        if (width >= bgr.cols()) {
            throw new IllegalArgumentException("will not upscale a " + bgr.cols() + " px wide frame to " + width);
        }
        int height = Math.max(1, (int) Math.round(bgr.rows() * (double) width / bgr.cols()));
        // Averaging the source pixels a target pixel covers: no aliasing when shrinking.
        Shrink.toSize(bgr, scaled, new Size(width, height), shrinking);
        return encode(scaled, seq, captureMillis);
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
        scaled.release();
        shrinking.release();
        params.release();
    }
}
