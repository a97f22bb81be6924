package org.gatewatch.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** {@link Shrink} against OpenCV's own area averaging, on real natives: the same picture, and no moiré. */
class ShrinkIT {

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    /** A camera-like frame: hard-edged bars of colour and sensor noise. */
    private static Mat scene(int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8UC3, new Scalar(90, 110, 100));
        for (int i = 0; i < 12; i++) {
            Imgproc.rectangle(m, new Point(i * w / 12.0, (i % 3) * h / 4.0), new Point(i * w / 12.0 + w / 20.0, h - 10),
                    new Scalar(20 * i, 255 - 20 * i, 128), -1);
        }
        Mat noise = new Mat(h, w, CvType.CV_8UC3);
        Core.randn(noise, 0, 6);
        Core.add(m, noise, m);
        noise.release();
        return m;
    }

    private static double meanAbsDiff(Mat a, Mat b) {
        Mat d = new Mat();
        Core.absdiff(a, b, d);
        Scalar s = Core.mean(d);
        d.release();
        return (s.val[0] + s.val[1] + s.val[2]) / 3;
    }

    @Test
    void matchesAreaAveragingAtAnyFactor() {
        // PAL, D1 CCTV (704), odd sizes, a whole factor (one step) and factors under 2 (one step).
        int[][] cases = {{768, 576, 320}, {768, 576, 160}, {704, 576, 320}, {1280, 720, 480}, {771, 577, 320},
                {640, 480, 320}, {768, 576, 640}};
        for (int[] c : cases) {
            Mat src = scene(c[0], c[1]);
            Size size = new Size(c[2], Math.round(c[1] * (double) c[2] / c[0]));
            Mat expected = new Mat();
            Mat actual = new Mat();
            Mat scratch = new Mat();
            Imgproc.resize(src, expected, size, 0, 0, Imgproc.INTER_AREA);
            Shrink.toSize(src, actual, size, scratch);
            String what = c[0] + "x" + c[1] + " to " + c[2];
            assertEquals(expected.size(), actual.size(), what);
            double diff = meanAbsDiff(expected, actual);
            assertTrue(diff < 3, what + ": mean difference " + diff + " grey levels");
            src.release();
            expected.release();
            actual.release();
            scratch.release();
        }
    }

    @Test
    void finePatternTurnsGreyInsteadOfMoire() {
        // One-pixel black and white stripes: averaged, flat grey; merely sampled, bands of black and white.
        Mat src = new Mat(576, 768, CvType.CV_8UC1, new Scalar(0));
        for (int x = 0; x < src.cols(); x += 2) {
            Imgproc.line(src, new Point(x, 0), new Point(x, src.rows() - 1), new Scalar(255), 1);
        }
        Mat out = new Mat();
        Shrink.toSize(src, out, new Size(320, 240), new Mat());
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble dev = new MatOfDouble();
        Core.meanStdDev(out, mean, dev);
        assertEquals(127.5, mean.get(0, 0)[0], 3, "mean grey");
        assertTrue(dev.get(0, 0)[0] < 8, "grey must be flat; standard deviation " + dev.get(0, 0)[0]);
        Mat sampled = new Mat();
        Imgproc.resize(src, sampled, new Size(320, 240), 0, 0, Imgproc.INTER_NEAREST);
        Core.meanStdDev(sampled, mean, dev);
        assertTrue(dev.get(0, 0)[0] > 60, "the pattern shows when merely sampled: " + dev.get(0, 0)[0]);
    }
}
