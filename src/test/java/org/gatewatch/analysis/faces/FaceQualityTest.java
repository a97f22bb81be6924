package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Optional;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class FaceQualityTest {

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    /** Landmarks of a face whose eyes are 40 px apart, its nose {@code noseShift} px right of their middle. */
    private static Landmarks face(double noseShift) {
        return new Landmarks(new double[] {80, 120, 100 + noseShift, 85, 115},
                new double[] {100, 100, 122, 140, 140});
    }

    /** A grey frame with a sharp checkered patch (the "face") at 60..140; blurred when {@code blur}. */
    private static Mat frame(boolean blur) {
        Mat m = new Mat(240, 240, CvType.CV_8UC3, new Scalar(128, 128, 128));
        for (int y = 60; y < 140; y += 8) {
            for (int x = 60; x < 140; x += 8) {
                if (((x + y) / 8) % 2 == 0) {
                    Imgproc.rectangle(m, new Point(x, y), new Point(x + 7, y + 7), new Scalar(20, 20, 20), -1);
                }
            }
        }
        if (blur) {
            Imgproc.GaussianBlur(m, m, new Size(15, 15), 5);
        }
        return m;
    }

    @Test
    void aFrontalFaceOutranksATurnedOneAndAProfileIsUnusable() {
        double frontal = FaceQuality.frontal(face(0));
        double turned = FaceQuality.frontal(face(10));
        assertEquals(1.0, frontal, 0.1);
        assertTrue(turned < frontal && turned > 0, frontal + " vs " + turned);
        assertEquals(0, FaceQuality.frontal(face(25)), "the nose outside the eyes: a profile");
    }

    @Test
    void aSharpLargeConfidentFaceScoresHigherThanABlurredSmallOrDoubtfulOne() {
        Mat sharp = frame(false);
        Mat blurred = frame(true);
        try {
            DetectedFace big = new DetectedFace(new FaceBox(60, 60, 80, 80, 0.99), Optional.of(face(0)));
            FaceQuality good = FaceQuality.of(sharp, big);
            assertTrue(good.usable());
            assertTrue(FaceQuality.of(blurred, big).score() < good.score() / 2, "blur");
            DetectedFace small = new DetectedFace(new FaceBox(60, 60, 40, 40, 0.99), Optional.of(face(0)));
            assertTrue(FaceQuality.of(sharp, small).size() < good.size(), "size");
            DetectedFace doubtful = new DetectedFace(new FaceBox(60, 60, 80, 80, 0.7), Optional.of(face(0)));
            assertTrue(FaceQuality.of(sharp, doubtful).score() < good.score(), "detector score");
            assertFalse(FaceQuality.of(sharp, new DetectedFace(big.box(), Optional.of(face(25)))).usable());
        } finally {
            sharp.release();
            blurred.release();
        }
    }
}
