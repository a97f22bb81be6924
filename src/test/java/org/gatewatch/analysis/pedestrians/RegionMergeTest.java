package org.gatewatch.analysis.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionMergeTest {

    @Test
    void overlappingRegionsBecomeOneSoNoPixelIsScannedTwice() {
        // a overlaps b, b overlaps c, c is apart from a: a chain merges into one; d stays alone.
        SearchRegion a = new SearchRegion(0, 0, 50, 100, 80);
        SearchRegion b = new SearchRegion(40, 10, 50, 100, 70);
        SearchRegion c = new SearchRegion(85, 20, 50, 100, 90);
        SearchRegion d = new SearchRegion(400, 0, 50, 100, 60);
        assertEquals(List.of(new SearchRegion(0, 0, 135, 120, 70), d),
                SearchRegion.merged(List.of(a, d, c, b)));
    }

    @Test
    void emptyRegionsAreDropped() {
        assertEquals(List.of(), SearchRegion.merged(List.of(new SearchRegion(5, 5, 0, 10, 0))));
    }
}
