package org.gatewatch.analysis.faces;

/**
 * Where a face is in a frame: an axis-aligned box in the frame's pixels (fractional, as the detectors regress them)
 * and the detector's confidence. Plain numbers, so recognition, tracking and events use it without natives.
 *
 * @param score detector-specific confidence: MTCNN's O-Net face probability (0..1), 1 for the cascade
 */
public record FaceBox(double x, double y, double width, double height, double score) {

    public FaceBox {
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("empty face box " + width + "x" + height);
        }
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double area() {
        return width * height;
    }

    /** Intersection over union, 0..1. */
    public double iou(FaceBox o) {
        double w = Math.min(right(), o.right()) - Math.max(x, o.x);
        double h = Math.min(bottom(), o.bottom()) - Math.max(y, o.y);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / (area() + o.area() - inter);
    }

    /** The same box moved by (dx, dy): from a region's pixels to the frame's. */
    public FaceBox translate(double dx, double dy) {
        return new FaceBox(x + dx, y + dy, width, height, score);
    }
}
