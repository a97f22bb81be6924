package org.gatewatch.analysis.faces;

/** Vector helpers for unit-length face embeddings. */
public final class Embeddings {

    private Embeddings() {
    }

    /** {@code v} scaled to unit length, in place; returned for chaining. A zero vector stays zero. */
    public static float[] normalize(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    /** Cosine similarity of two unit vectors (their dot product), −1..1. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding lengths differ: " + a.length + " vs " + b.length);
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
