package org.gatewatch.analysis.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.gatewatch.config.MotionConfig;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** The motion stage on synthetic frames (real OpenCV natives): still noise is not motion, a walker is. */
class MotionDetectorIT {

    private static final int W = 640;
    private static final int H = 480;

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    private static Mat scene(int walkerX) {
        Mat m = new Mat(H, W, CvType.CV_8UC3, new Scalar(120, 130, 125));
        Mat noise = new Mat(H, W, CvType.CV_8UC3);
        Core.randn(noise, 0, 3);
        Core.add(m, noise, m);
        noise.release();
        if (walkerX >= 0) {
            Imgproc.rectangle(m, new Point(walkerX, 200), new Point(walkerX + 30, 290), new Scalar(30, 30, 40), -1);
        }
        return m;
    }

    @Test
    void aStillNoisySceneReportsNoMotionAndAWalkerIsReportedWhereHeIs() {
        try (MotionDetector motion = new MotionDetector(MotionConfig.DEFAULTS)) {
            for (int i = 0; i < 30; i++) {
                Mat f = scene(-1);
                assertEquals(List.of(), motion.update(f), "frame " + i + " of an empty scene");
                f.release();
            }
            List<Rect> moving = List.of();
            for (int i = 0; i < 5; i++) {
                Mat f = scene(100 + 10 * i);
                moving = motion.update(f);
                f.release();
            }
            assertEquals(1, moving.size(), moving.toString());
            Rect r = moving.get(0);
            // The walker is at x 140..170, y 200..290; the blob is dilated and drawn from a 320 px wide copy.
            assertTrue(r.x <= 142 && r.x + r.width >= 168 && r.y <= 202 && r.y + r.height >= 288, r.toString());
            assertTrue(r.width < 80 && r.height < 130, "no more than the walker and his trail: " + r);
        }
    }

    @Test
    void aSwitchedLightChangesMostOfThePictureAndAWalkerDoesNot() {
        try (MotionDetector motion = new MotionDetector(MotionConfig.DEFAULTS)) {
            for (int i = 0; i < 30; i++) {
                Mat f = scene(-1);
                motion.update(f);
                f.release();
                if (i < 2) {
                    assertEquals(0, motion.changedShare(), "a new model's frame " + i + " is not a change of view");
                }
            }
            assertTrue(motion.changedShare() < 0.01, "a still scene: " + motion.changedShare());
            for (int i = 0; i < 5; i++) {
                Mat f = scene(100 + 10 * i);
                motion.update(f);
                f.release();
            }
            assertTrue(motion.changedShare() > 0 && motion.changedShare() < 0.05, "a walker: " + motion.changedShare());
            Mat lit = scene(-1);
            Core.add(lit, new Scalar(70, 70, 70), lit);
            motion.update(lit);
            lit.release();
            assertTrue(motion.changedShare() > 0.9, "the light switched on: " + motion.changedShare());
        }
    }

    @Test
    void aQuietPictureIsFedOnceInTenFramesAndAWalkerOnTheFrameHeStepsIn() {
        try (MotionDetector motion = new MotionDetector(MotionConfig.DEFAULTS)) {
            // A new model is fed every frame until it learns at its steady rate: half its history.
            int young = MotionConfig.DEFAULTS.history() / 2;
            for (int i = 0; i < young + 100; i++) {
                Mat f = scene(-1);
                assertEquals(List.of(), motion.update(f, i > 0), "frame " + i + " of an empty scene");
                f.release();
            }
            long fed = motion.framesFed() - young;
            assertTrue(fed >= 100 / MotionDetector.FEED_EVERY && fed <= 100 / MotionDetector.FEED_EVERY + 2,
                    "fed " + fed + " of 100 still frames");
            Mat f = scene(140);
            List<Rect> moving = motion.update(f, true);
            f.release();
            assertEquals(young + fed + 1, motion.framesFed(), "the frame he steps in is fed");
            assertEquals(1, moving.size(), "he is reported on the frame he steps in: " + moving);
            Rect r = moving.get(0);
            assertTrue(r.x <= 142 && r.x + r.width >= 168 && r.y <= 202 && r.y + r.height >= 288, r.toString());
        }
    }

    @Test
    void aQuietPictureFollowsDriftingLightAsWhenFedEveryFrame() {
        // Light rising by 12 grey levels over 60 s at 10 fps (a cloud passing): too slow for the thumbnails to see
        // between two feeds, and the model must follow it, or a frame would differ from it everywhere.
        for (boolean quiet : new boolean[] {false, true}) {
            try (MotionDetector motion = new MotionDetector(MotionConfig.DEFAULTS)) {
                int frames = 600;
                for (int i = 0; i < frames; i++) {
                    Mat f = scene(-1);
                    double light = 12.0 * i / frames;
                    Core.add(f, new Scalar(light, light, light), f);
                    assertEquals(List.of(), motion.update(f, quiet && i > 0), "frame " + i + ", quiet " + quiet);
                    assertTrue(motion.changedShare() < 0.01, "frame " + i + ": " + motion.changedShare());
                    f.release();
                }
                Mat f = scene(140);
                Core.add(f, new Scalar(12, 12, 12), f);
                List<Rect> moving = motion.update(f, quiet);
                f.release();
                assertEquals(1, moving.size(), "quiet " + quiet + ": only the walker moved, " + moving);
                assertTrue(moving.get(0).width < 80, "quiet " + quiet + ": " + moving);
                if (quiet) {
                    long settled = motion.framesFed() - MotionConfig.DEFAULTS.history() / 2;
                    assertTrue(settled < frames / 5, "fed " + settled + " of the settled model's frames");
                }
            }
        }
    }

    @Test
    void badSettingsStopWithTheKeyName() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.gatewatch.config.ConfigException.class,
                () -> new MotionConfig(40, 300, 16, 0.001));
        assertTrue(e.getMessage().contains("people.motion.workWidth"), e.getMessage());
    }
}
