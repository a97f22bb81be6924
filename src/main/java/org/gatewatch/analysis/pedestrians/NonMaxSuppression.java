package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression: keep the highest-scoring box, drop every box that overlaps it too much, repeat.
 * Two overlap tests, because HOG's image pyramid produces two kinds of duplicates: near-identical boxes at
 * neighbouring scales (caught by IoU) and a small box on a person's legs or torso inside the full-body box
 * (small IoU, but almost all of the small box is covered: caught by intersection over the smaller area).
 */
public final class NonMaxSuppression {

    private final double maxIou;
    private final double maxCoverOfSmaller;

    /**
     * @param maxIou            boxes overlapping a kept box by more than this IoU are dropped
     * @param maxCoverOfSmaller boxes whose area lies more than this fraction inside a kept box are dropped
     */
    public NonMaxSuppression(double maxIou, double maxCoverOfSmaller) {
        if (!(maxIou > 0 && maxIou <= 1) || !(maxCoverOfSmaller > 0 && maxCoverOfSmaller <= 1)) {
            throw new IllegalArgumentException("overlap thresholds are in (0, 1]: " + maxIou + ", " + maxCoverOfSmaller);
        }
        this.maxIou = maxIou;
        this.maxCoverOfSmaller = maxCoverOfSmaller;
    }

    /** The kept boxes, highest score first; the input is not changed. */
    public List<Detection> apply(List<Detection> boxes) {
        List<Detection> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : sorted) {
            if (kept.stream().noneMatch(k -> overlapsTooMuch(k, candidate))) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    private boolean overlapsTooMuch(Detection kept, Detection candidate) {
        long inter = kept.intersection(candidate);
        if (inter == 0) {
            return false;
        }
        double iou = (double) inter / (kept.area() + candidate.area() - inter);
        double coverOfSmaller = (double) inter / Math.min(kept.area(), candidate.area());
        return iou > maxIou || coverOfSmaller > maxCoverOfSmaller;
    }
}
