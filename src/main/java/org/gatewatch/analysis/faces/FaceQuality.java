package org.gatewatch.analysis.faces;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * How good one face of a frame is for recognition, each part 0..1: its size, its sharpness, how frontal it is by
 * its landmarks, and the detector's confidence. {@link #score()} ranks a walk's faces so the gate names a person from
 * the best of them rather than from the first.
 *
 * @param size      the face's width against {@link #FULL_DETAIL_PX}
 * @param sharpness the variance of the Laplacian of the face at a fixed scale, as v / (v + {@link #SHARP_VARIANCE})
 * @param frontal   1 for a face looking at the camera, 0 when the nose is outside the eyes (a profile); 0.5 without
 *                  landmarks (the cascade detector)
 * @param detector  the detector's confidence (MTCNN's O-Net probability)
 */
public record FaceQuality(double size, double sharpness, double frontal, double detector) {

    /** MobileFaceNet embeds a 112 px face: a wider face adds no detail the embedding sees. */
    static final double FULL_DETAIL_PX = 112;
    /** The face is measured at this size, so a large face is not sharper merely for being large. */
    private static final int SHARPNESS_SIDE = 64;
    /**
     * Laplacian variance at which a face counts as half sharp. The faces of the benchmark's walks (webcam and
     * talking-face clips, bench-faces) lie between 182 (5th percentile) and 482 (95th), median 370: sharp faces
     * score 0.65–0.83, and a face blurred to a third of that drops to about half.
     */
    static final double SHARP_VARIANCE = 100;
    /** A nose offset from the eyes' middle of this share of the eye distance or more is a profile: frontal 0. */
    private static final double PROFILE_OFFSET = 0.5;
    /** Where the nose sits between the eye line and the mouth on a level face (share of that distance). */
    private static final double LEVEL_NOSE = 0.55;

    /** The overall quality, 0..1: the product of the parts, so a face poor in any one way ranks low. */
    public double score() {
        return size * sharpness * frontal * detector;
    }

    /** Whether the face can name anyone at all: both eyes in view (the nose between them). */
    public boolean usable() {
        return frontal > 0;
    }

    /** The quality of {@code face} in {@code bgr} (the frame it was found in; only read). */
    public static FaceQuality of(Mat bgr, DetectedFace face) {
        FaceBox box = face.box();
        return new FaceQuality(Math.min(1, box.width() / FULL_DETAIL_PX), sharpness(bgr, box),
                face.landmarks().map(FaceQuality::frontal).orElse(0.5), Math.max(0, Math.min(1, box.score())));
    }

    /** Yaw from the nose's offset along the eye line, pitch from its height between eyes and mouth; roll is free. */
    static double frontal(Landmarks l) {
        double ux = l.x(1) - l.x(0);
        double uy = l.y(1) - l.y(0);
        double eyes = Math.hypot(ux, uy);
        if (eyes < 1e-6) {
            return 0;
        }
        ux /= eyes;
        uy /= eyes;
        double mx = (l.x(0) + l.x(1)) / 2;
        double my = (l.y(0) + l.y(1)) / 2;
        double nx = l.x(2) - mx;
        double ny = l.y(2) - my;
        double yaw = Math.abs(nx * ux + ny * uy) / eyes;
        double yawScore = Math.max(0, 1 - yaw / PROFILE_OFFSET);
        double mouthDown = ((l.x(3) + l.x(4)) / 2 - mx) * -uy + ((l.y(3) + l.y(4)) / 2 - my) * ux;
        double noseDown = nx * -uy + ny * ux;
        if (mouthDown <= 0) {
            return 0;
        }
        double pitchScore = Math.max(0, 1 - Math.abs(noseDown / mouthDown - LEVEL_NOSE) / LEVEL_NOSE);
        return yawScore * pitchScore;
    }

    /** Laplacian variance of the face box (clipped to the frame) in grey at {@link #SHARPNESS_SIDE} px. */
    static double sharpness(Mat bgr, FaceBox box) {
        int x = (int) Math.max(0, box.x());
        int y = (int) Math.max(0, box.y());
        int x2 = (int) Math.min(bgr.cols(), box.right());
        int y2 = (int) Math.min(bgr.rows(), box.bottom());
        if (x2 - x < 4 || y2 - y < 4) {
            return 0;
        }
        Mat crop = bgr.submat(new Rect(x, y, x2 - x, y2 - y));
        Mat grey = new Mat();
        Mat small = new Mat();
        Mat lap = new Mat();
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble std = new MatOfDouble();
        try {
            if (crop.channels() == 1) {
                crop.copyTo(grey);
            } else {
                Imgproc.cvtColor(crop, grey, Imgproc.COLOR_BGR2GRAY);
            }
            Imgproc.resize(grey, small, new Size(SHARPNESS_SIDE, SHARPNESS_SIDE), 0, 0, Imgproc.INTER_AREA);
            Imgproc.Laplacian(small, lap, CvType.CV_64F);
            Core.meanStdDev(lap, mean, std);
            double sd = std.toArray()[0];
            double variance = sd * sd;
            return variance / (variance + SHARP_VARIANCE);
        } finally {
            crop.release();
            grey.release();
            small.release();
            lap.release();
            mean.release();
            std.release();
        }
    }
}
