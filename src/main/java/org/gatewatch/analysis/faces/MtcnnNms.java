package org.gatewatch.analysis.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The non-maximum suppression between MTCNN's stages, on inclusive pixel boxes as the authors' code computes it. */
final class MtcnnNms {

    private MtcnnNms() {
    }

    /** Greedy NMS; {@code byMin} divides the overlap by the smaller box (the final stage), else by the union. */
    static List<MtcnnCandidate> apply(List<MtcnnCandidate> boxes, double maxOverlap, boolean byMin) {
        List<MtcnnCandidate> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble((MtcnnCandidate k) -> k.score).reversed());
        List<MtcnnCandidate> kept = new ArrayList<>();
        for (MtcnnCandidate c : sorted) {
            boolean keep = true;
            for (MtcnnCandidate k : kept) {
                double iw = Math.min(c.x2, k.x2) - Math.max(c.x1, k.x1) + 1;
                double ih = Math.min(c.y2, k.y2) - Math.max(c.y1, k.y1) + 1;
                if (iw <= 0 || ih <= 0) {
                    continue;
                }
                double inter = iw * ih;
                double a = (c.x2 - c.x1 + 1) * (c.y2 - c.y1 + 1);
                double b = (k.x2 - k.x1 + 1) * (k.y2 - k.y1 + 1);
                double o = byMin ? inter / Math.min(a, b) : inter / (a + b - inter);
                if (o > maxOverlap) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(c);
            }
        }
        return kept;
    }
}
