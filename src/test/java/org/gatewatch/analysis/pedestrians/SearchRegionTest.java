package org.gatewatch.analysis.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class SearchRegionTest {

    @Test
    void theUnionHoldsBothAndKeepsTheSmallerPersonSoBothSizesAreStillFound() {
        SearchRegion near = new SearchRegion(100, 300, 80, 200, 140);
        SearchRegion far = new SearchRegion(150, 250, 60, 100, 60);
        assertEquals(new SearchRegion(100, 250, 110, 250, 60), near.union(far));
    }

    @Test
    void anUnknownSizeStaysUnknownInTheUnion() {
        SearchRegion known = new SearchRegion(0, 0, 10, 10, 50);
        assertEquals(0, known.union(SearchRegion.whole(640, 480)).pedestrianHeight());
    }

    @Test
    void regionsThatOnlyTouchDoNotOverlap() {
        SearchRegion a = new SearchRegion(0, 0, 10, 10, 0);
        assertFalse(a.overlaps(new SearchRegion(10, 0, 10, 10, 0)));
        assertTrue(a.overlaps(new SearchRegion(9, 9, 10, 10, 0)));
    }
}
