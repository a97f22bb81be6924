package org.gatewatch.analysis.faces;

/**
 * A 2-D similarity (rotation, uniform scale, translation, no reflection): x' = a·x − b·y + tx, y' = b·x + a·y + ty.
 * {@link #estimate} is the least-squares fit between point sets (Umeyama 1991 restricted to 2-D, which is what
 * scikit-image's SimilarityTransform and InsightFace's face_align compute for the 5-landmark alignment).
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /** The transform that maps {@code (srcX, srcY)} closest to {@code (dstX, dstY)} in least squares. */
    public static SimilarityTransform estimate(double[] srcX, double[] srcY, double[] dstX, double[] dstY) {
        int n = srcX.length;
        if (n < 2 || srcY.length != n || dstX.length != n || dstY.length != n) {
            throw new IllegalArgumentException("need two or more point pairs of equal count");
        }
        double msx = mean(srcX);
        double msy = mean(srcY);
        double mdx = mean(dstX);
        double mdy = mean(dstY);
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double sx = srcX[i] - msx;
            double sy = srcY[i] - msy;
            double dx = dstX[i] - mdx;
            double dy = dstY[i] - mdy;
            dot += sx * dx + sy * dy;
            cross += sx * dy - sy * dx;
            norm += sx * sx + sy * sy;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("source points coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new SimilarityTransform(a, b, mdx - (a * msx - b * msy), mdy - (b * msx + a * msy));
    }

    public double applyX(double x, double y) {
        return a * x - b * y + tx;
    }

    public double applyY(double x, double y) {
        return b * x + a * y + ty;
    }

    public double scale() {
        return Math.hypot(a, b);
    }

    /** Rotation in radians, counter-clockwise in image coordinates' sense of the formula above. */
    public double rotation() {
        return Math.atan2(b, a);
    }

    /** Row-major 2×3 matrix for OpenCV's warpAffine. */
    public double[] toAffineRows() {
        return new double[] {a, -b, tx, b, a, ty};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
