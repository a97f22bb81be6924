package org.gatewatch.stream;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

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
        shrink(bgr, scaled, new Size(width, height), shrinking);
        return encode(scaled, seq, captureMillis);
    }

    /**
     * {@code src} shrunk to {@code size} into {@code dst} by averaging, quickly at any factor. OpenCV's
     * {@code INTER_AREA} has a fast path only for whole-number factors, and 768 px wide to 320 is 2.4× (what that
     * cost the capture thread: docs/benchmarks.md, "Smaller pictures"). So the whole-number part of the factor is
     * done by area averaging and what is left, under 2×, bilinearly: every source pixel still counts, so fine detail
     * turns grey, not into moiré. {@code scratch} holds the picture between the two steps and is reused across frames.
     */
    static void shrink(Mat src, Mat dst, Size size, Mat scratch) {
        int k = (int) Math.floor(Math.min(src.cols() / size.width, src.rows() / size.height));
        if (k < 2 || (src.cols() == k * size.width && src.rows() == k * size.height)) {
            Imgproc.resize(src, dst, size, 0, 0, Imgproc.INTER_AREA);
            return;
        }
        // The fast path needs the source to be an exact multiple: leave out at most k-1 pixels at the right and bottom.
        int w = src.cols() / k;
        int h = src.rows() / k;
        Mat whole = src.cols() == w * k && src.rows() == h * k ? src : src.submat(new Rect(0, 0, w * k, h * k));
        try {
            Imgproc.resize(whole, scratch, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        } finally {
            if (whole != src) {
                whole.release();
            }
        }
        Imgproc.resize(scratch, dst, size, 0, 0, Imgproc.INTER_LINEAR);
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
