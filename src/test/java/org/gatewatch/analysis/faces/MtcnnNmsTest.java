package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import java.util.List;
import org.junit.jupiter.api.Test;

class MtcnnNmsTest {

    private static MtcnnCandidate box(double x1, double y1, double x2, double y2, double score) {
        MtcnnCandidate c = new MtcnnCandidate();
        c.x1 = x1;
        c.y1 = y1;
        c.x2 = x2;
        c.y2 = y2;
        c.score = score;
        return c;
    }

    @Test
    void unionOverlapKeepsTheBestOfTwoNearlyEqualBoxesAndSeparateFaces() {
        MtcnnCandidate best = box(0, 0, 99, 99, 0.9);
        MtcnnCandidate shifted = box(10, 0, 109, 99, 0.8); // 90 × 100 shared of 110 × 100: IoU 0.82
        MtcnnCandidate other = box(300, 0, 399, 99, 0.7);
        List<MtcnnCandidate> kept = MtcnnNms.apply(List.of(shifted, other, best), 0.7, false);
        assertEquals(2, kept.size());
        assertSame(best, kept.get(0));
        assertSame(other, kept.get(1));
    }

    @Test
    void minOverlapDropsABoxInsideALargerOneThatUnionOverlapKeeps() {
        MtcnnCandidate face = box(0, 0, 99, 99, 0.95);
        MtcnnCandidate inner = box(20, 20, 59, 59, 0.9); // IoU 0.16, but all of it lies inside the face
        assertEquals(2, MtcnnNms.apply(List.of(face, inner), 0.7, false).size());
        assertEquals(1, MtcnnNms.apply(List.of(face, inner), 0.7, true).size());
    }
}
