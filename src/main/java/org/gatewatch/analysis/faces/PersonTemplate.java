package org.gatewatch.analysis.faces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One person's enrolled faces as the gallery matches them: the class mean of the faces that agree with each other
 * (the template), and those faces themselves. A face that disagrees with the rest (a photo of someone else enrolled
 * by mistake, a profile, a blurred frame) is left out of both, so it cannot widen who passes as this person.
 *
 * <p>With one or two faces no face can be told wrong (two that disagree do not say which one is), so nothing is
 * left out and the faces are matched one by one, as before templates; from three faces on, a face must also clear
 * the threshold against the template. Immutable.
 */
public final class PersonTemplate {

    /**
     * A face agreeing less than this with the mean of the person's other faces is left out. Faces of one person in
     * the face benchmark agree at 0.79 to 0.92, a wrong photo at −0.06, and the highest similarity of a stranger to
     * anyone enrolled is 0.37 (bin/gatewatch bench-faces): 0.45 lies between, nearer the strangers, so a real but
     * unusual photo of the person (other light, glasses, years apart) stays.
     */
    public static final double OUTLIER_BELOW = 0.45;

    /** From this many faces on, the template is formed and outliers are left out. */
    public static final int MIN_FACES_FOR_TEMPLATE = 3;

    private final List<float[]> faces;
    private final boolean[] inlier;
    private final double[] agreement;
    private final List<float[]> inliers;
    private final float[] template;

    private PersonTemplate(List<float[]> faces) {
        this.faces = faces;
        int n = faces.size();
        this.inlier = new boolean[n];
        Arrays.fill(inlier, true);
        if (n >= MIN_FACES_FOR_TEMPLATE) {
            rejectOutliers();
        }
        List<float[]> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (inlier[i]) {
                kept.add(faces.get(i));
            }
        }
        this.inliers = List.copyOf(kept);
        this.template = n >= MIN_FACES_FOR_TEMPLATE ? mean(inliers, -1) : null;
        this.agreement = new double[n];
        for (int i = 0; i < n; i++) {
            agreement[i] = agreementOf(i);
        }
    }

    /** The template of these faces (unit embeddings of one person, in enrollment order); copied. */
    public static PersonTemplate of(List<float[]> faces) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("a person needs at least one face");
        }
        List<float[]> copy = new ArrayList<>(faces.size());
        faces.forEach(f -> copy.add(f.clone()));
        return new PersonTemplate(List.copyOf(copy));
    }

    /**
     * Leaves out the face that agrees least with the mean of the other kept faces while it is below
     * {@link #OUTLIER_BELOW}, one at a time, and never so many that the kept faces stop being a majority.
     */
    private void rejectOutliers() {
        int n = faces.size();
        int maxRejected = (n - 1) / 2;
        for (int rejected = 0; rejected < maxRejected; rejected++) {
            int worst = -1;
            double worstAgreement = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!inlier[i]) {
                    continue;
                }
                double a = Embeddings.cosine(faces.get(i), mean(keptFaces(), indexAmongKept(i)));
                if (a < worstAgreement) {
                    worstAgreement = a;
                    worst = i;
                }
            }
            if (worst < 0 || worstAgreement >= OUTLIER_BELOW) {
                return;
            }
            inlier[worst] = false;
        }
    }

    private List<float[]> keptFaces() {
        List<float[]> kept = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            if (inlier[i]) {
                kept.add(faces.get(i));
            }
        }
        return kept;
    }

    private int indexAmongKept(int face) {
        int k = 0;
        for (int i = 0; i < face; i++) {
            if (inlier[i]) {
                k++;
            }
        }
        return k;
    }

    /** Cosine of face {@code i} with the mean of the kept faces other than itself; NaN when there is none. */
    private double agreementOf(int i) {
        List<float[]> others = new ArrayList<>();
        for (int j = 0; j < faces.size(); j++) {
            if (j != i && inlier[j]) {
                others.add(faces.get(j));
            }
        }
        return others.isEmpty() ? Double.NaN : Embeddings.cosine(faces.get(i), mean(others, -1));
    }

    /** The unit-length mean of {@code vectors} without the one at {@code skip} (-1: none). */
    private static float[] mean(List<float[]> vectors, int skip) {
        float[] sum = new float[vectors.get(0).length];
        for (int k = 0; k < vectors.size(); k++) {
            if (k == skip) {
                continue;
            }
            float[] v = vectors.get(k);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        return Embeddings.normalize(sum);
    }

    /**
     * How well {@code embedding} matches this person: its similarity to the closest kept face, and no more than its
     * similarity to the template when there is one; a face must clear the threshold against both.
     */
    public double score(float[] embedding) {
        double nearest = nearest(embedding);
        return template == null ? nearest : Math.min(nearest, Embeddings.cosine(embedding, template));
    }

    /** Similarity to the closest kept face. */
    public double nearest(float[] embedding) {
        double best = Double.NEGATIVE_INFINITY;
        for (float[] f : inliers) {
            best = Math.max(best, Embeddings.cosine(embedding, f));
        }
        return best;
    }

    /** Similarity to the closest enrolled face, kept or not: how matching worked before templates (benchmarks). */
    public double nearestOfAll(float[] embedding) {
        double best = Double.NEGATIVE_INFINITY;
        for (float[] f : faces) {
            best = Math.max(best, Embeddings.cosine(embedding, f));
        }
        return best;
    }

    /** Enrolled faces, kept or not. */
    public int size() {
        return faces.size();
    }

    /** Whether face {@code i} (enrollment order) is part of the template and matched against. */
    public boolean kept(int i) {
        return inlier[i];
    }

    /**
     * How well face {@code i} agrees with the person's other faces: its cosine similarity with the mean of the other
     * kept faces, −1..1; NaN for a person's only face.
     */
    public double agreement(int i) {
        return agreement[i];
    }

    /** Whether the faces are matched against a template (three or more enrolled faces). */
    public boolean hasTemplate() {
        return template != null;
    }
}
