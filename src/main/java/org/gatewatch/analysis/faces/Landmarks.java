package org.gatewatch.analysis.faces;

/**
 * The five facial landmarks MTCNN's O-Net regresses, in the frame's pixels, in the order face alignment expects
 * (the ArcFace/InsightFace template order): left eye, right eye, nose tip, left mouth corner, right mouth corner.
 * "Left" is the image's left (the person's right eye).
 */
public record Landmarks(double[] xs, double[] ys) {

    public static final int COUNT = 5;

    public Landmarks {
        if (xs.length != COUNT || ys.length != COUNT) {
            throw new IllegalArgumentException("five landmarks needed, got " + xs.length + "/" + ys.length);
        }
        xs = xs.clone();
        ys = ys.clone();
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** The same points moved by (dx, dy). */
    public Landmarks translate(double dx, double dy) {
        double[] nx = new double[COUNT];
        double[] ny = new double[COUNT];
        for (int i = 0; i < COUNT; i++) {
            nx[i] = xs[i] + dx;
            ny[i] = ys[i] + dy;
        }
        return new Landmarks(nx, ny);
    }

    @Override
    public double[] xs() {
        return xs.clone();
    }

    @Override
    public double[] ys() {
        return ys.clone();
    }
}
