package org.gatewatch.analysis.pedestrians;

/**
 * One pedestrian found in one frame: an axis-aligned box in the frame's pixels and the detector's confidence. Plain
 * numbers, no OpenCV types, so tracking, scoring and the CSV output use it without natives.
 *
 * @param score detector-specific confidence (for HOG the SVM margin); higher is more certain
 */
public record Detection(int x, int y, int width, int height, double score) {

    public Detection {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty box " + width + "x" + height);
        }
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public long area() {
        return (long) width * height;
    }

    /** Pixels shared with {@code o}. */
    public long intersection(Detection o) {
        long w = Math.min(right(), o.right()) - Math.max(x, o.x);
        long h = Math.min(bottom(), o.bottom()) - Math.max(y, o.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union, 0..1. */
    public double iou(Detection o) {
        long inter = intersection(o);
        return inter == 0 ? 0 : (double) inter / (area() + o.area() - inter);
    }
}
