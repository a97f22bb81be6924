package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

    private static final double EPS = 1e-9;

    @Test
    void recoversAKnownRotationScaleAndShiftExactly() {
        double angle = Math.toRadians(30);
        double scale = 1.5;
        SimilarityTransform truth = new SimilarityTransform(scale * Math.cos(angle), scale * Math.sin(angle), 12, -7);
        double[] sx = {0, 10, 3, -4, 8};
        double[] sy = {0, 2, 9, 5, -6};
        double[] dx = new double[5];
        double[] dy = new double[5];
        for (int i = 0; i < 5; i++) {
            dx[i] = truth.applyX(sx[i], sy[i]);
            dy[i] = truth.applyY(sx[i], sy[i]);
        }
        SimilarityTransform fit = SimilarityTransform.estimate(sx, sy, dx, dy);
        assertEquals(truth.a(), fit.a(), EPS);
        assertEquals(truth.b(), fit.b(), EPS);
        assertEquals(truth.tx(), fit.tx(), EPS);
        assertEquals(truth.ty(), fit.ty(), EPS);
        assertEquals(scale, fit.scale(), EPS);
        assertEquals(angle, fit.rotation(), EPS);
    }

    @Test
    void noisyPointsGiveTheLeastSquaresFitNotAnExactOne() {
        // Two points moved in opposite directions: the best similarity is the identity, residuals split evenly.
        double[] sx = {0, 10};
        double[] sy = {0, 0};
        SimilarityTransform fit = SimilarityTransform.estimate(sx, sy, new double[] {0, 10}, new double[] {1, -1});
        assertEquals(0, fit.applyY(5, 0), EPS);
        assertEquals(1, fit.scale(), 0.02);
    }

    @Test
    void affineRowsAreWhatWarpAffineExpects() {
        SimilarityTransform t = new SimilarityTransform(0.5, 0.25, 3, 4);
        double[] m = t.toAffineRows();
        double x = 7;
        double y = -2;
        assertEquals(t.applyX(x, y), m[0] * x + m[1] * y + m[2], EPS);
        assertEquals(t.applyY(x, y), m[3] * x + m[4] * y + m[5], EPS);
    }

    @Test
    void coincidentSourcePointsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(
                new double[] {1, 1}, new double[] {2, 2}, new double[] {0, 1}, new double[] {0, 1}));
    }

    @Test
    void alignmentPutsTheLandmarksOnTheArcFaceTemplate() {
        // A face twice the template's size, turned by 10 degrees and placed at (200, 100) in the frame.
        SimilarityTransform place = new SimilarityTransform(2 * Math.cos(0.17), 2 * Math.sin(0.17), 200, 100);
        double[] xs = new double[5];
        double[] ys = new double[5];
        for (int i = 0; i < 5; i++) {
            xs[i] = place.applyX(FaceAligner.REF_X[i], FaceAligner.REF_Y[i]);
            ys[i] = place.applyY(FaceAligner.REF_X[i], FaceAligner.REF_Y[i]);
        }
        SimilarityTransform toCrop = FaceAligner.transformFor(new Landmarks(xs, ys));
        for (int i = 0; i < 5; i++) {
            assertEquals(FaceAligner.REF_X[i], toCrop.applyX(xs[i], ys[i]), 1e-6);
            assertEquals(FaceAligner.REF_Y[i], toCrop.applyY(xs[i], ys[i]), 1e-6);
        }
        assertEquals(0.5, toCrop.scale(), 1e-9);
        assertEquals(-0.17, toCrop.rotation(), 1e-9);
    }
}
