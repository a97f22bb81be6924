package org.gatewatch.stream;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Shrinks a picture by averaging, quickly at any factor. OpenCV's {@code INTER_AREA} has a fast path only for
 * whole-number factors: a 768 px wide frame to 320 (2.4×) takes its general path, several times slower than 768 to
 * 384. So the whole-number part of the factor is done by area averaging and what is left, under 2×, bilinearly: every
 * source pixel still counts, so fine detail turns grey instead of into moiré.
 */
final class Shrink {

    private Shrink() {
    }

    /**
     * {@code src} shrunk to {@code size} into {@code dst}; {@code scratch} holds the picture between the two steps and
     * is reused across frames. A size less than 2× smaller, or a whole-number factor, goes to OpenCV in one step.
     */
    static void to(Mat src, Mat dst, Size size, Mat scratch) {
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
}
