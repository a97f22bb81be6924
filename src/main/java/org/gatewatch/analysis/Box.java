package org.gatewatch.analysis;

/** An axis-aligned box in frame pixels; plain numbers so tracking runs and tests without OpenCV. */
public record Box(double x, double y, double width, double height) {

    public Box {
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("empty box " + width + "x" + height);
        }
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** Bottom centre: where a pedestrian stands, the point that crosses a counting line painted on the ground. */
    public double footX() {
        return x + width / 2;
    }

    public double footY() {
        return y + height;
    }

    public double area() {
        return width * height;
    }

    /** The area both boxes cover; 0 when they do not overlap. */
    public double intersection(Box o) {
        double w = Math.min(x + width, o.x + o.width) - Math.max(x, o.x);
        double h = Math.min(y + height, o.y + o.height) - Math.max(y, o.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    public double iou(Box o) {
        double inter = intersection(o);
        return inter == 0 ? 0 : inter / (area() + o.area() - inter);
    }

    public Box shifted(double dx, double dy) {
        return new Box(x + dx, y + dy, width, height);
    }

    /** Weighted mean of two boxes, edge by edge: {@code w} of this one, {@code 1 - w} of {@code o}. */
    public Box blend(Box o, double w) {
        return new Box(w * x + (1 - w) * o.x, w * y + (1 - w) * o.y,
                w * width + (1 - w) * o.width, w * height + (1 - w) * o.height);
    }
}
