package org.gatewatch.camera;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The picture a blind camera's viewers see instead of its frozen last frame: NO SIGNAL, the camera's name and the
 * time of its last good frame, in the camera's own frame size so the page's layout does not jump.
 */
final class NoSignalPicture {

    static final int DEFAULT_WIDTH = 640;
    static final int DEFAULT_HEIGHT = 360;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Scalar BACKGROUND = new Scalar(40, 40, 40);
    private static final Scalar RED = new Scalar(60, 60, 230);
    private static final Scalar WHITE = new Scalar(255, 255, 255);

    private NoSignalPicture() {
    }

    /** A new BGR picture; the caller releases it. {@code lastFrameMillis} 0: no frame yet. */
    static Mat draw(String cameraName, long lastFrameMillis, Size size, ZoneId zone) {
        Size s = size == null || size.width < 160 || size.height < 90
                ? new Size(DEFAULT_WIDTH, DEFAULT_HEIGHT) : size;
        Mat picture = new Mat(s, CvType.CV_8UC3, BACKGROUND);
        double scale = s.width / 640.0;
        String last = lastFrameMillis <= 0 ? "no frame yet"
                : "last frame " + CLOCK.format(Instant.ofEpochMilli(lastFrameMillis).atZone(zone));
        text(picture, "NO SIGNAL", s.height * 0.40, 1.6 * scale, RED, 3);
        text(picture, cameraName, s.height * 0.58, 0.8 * scale, WHITE, 2);
        text(picture, last, s.height * 0.72, 0.6 * scale, WHITE, 1);
        return picture;
    }

    private static void text(Mat picture, String text, double baseline, double fontScale, Scalar colour, int weight) {
        int[] ignored = new int[1];
        Size box = Imgproc.getTextSize(text, Imgproc.FONT_HERSHEY_SIMPLEX, fontScale, weight, ignored);
        Point at = new Point(Math.max(4, (picture.cols() - box.width) / 2), baseline);
        Imgproc.putText(picture, text, at, Imgproc.FONT_HERSHEY_SIMPLEX, fontScale, colour, weight, Imgproc.LINE_AA);
    }
}
