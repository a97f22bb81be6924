package org.gatewatch.analysis.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsdOutputTest {

    /** Three rows of the post-processing op: a person, a chair (COCO 61) and a weak person; the count says 3. */
    private static final float[] BOXES = {0.1f, 0.2f, 0.9f, 0.4f, 0f, 0f, 1f, 1f, 0.5f, 0.5f, 0.6f, 0.6f, 9, 9, 9, 9};
    private static final float[] CLASSES = {0, 61, 0, 0};
    private static final float[] SCORES = {0.9f, 0.95f, 0.3f, 0.99f};

    @Test
    void onlyPersonsAboveTheScoreAreKeptAndTheBoxIsMappedFromTheTileToTheFrame() {
        SearchRegion tile = new SearchRegion(100, 50, 200, 100, 0);
        List<Detection> found = SsdOutput.persons(BOXES, CLASSES, SCORES, 3, 0.5, tile, 640, 480);
        // ymin 0.1, xmin 0.2, ymax 0.9, xmax 0.4 of a 200×100 tile at (100, 50).
        assertEquals(List.of(new Detection(140, 60, 40, 80, 0.9f)), found);
    }

    @Test
    void rowsPastTheCountAreNotRead() {
        SearchRegion tile = SearchRegion.whole(640, 480);
        assertEquals(2, SsdOutput.persons(BOXES, CLASSES, SCORES, 4, 0.2, tile, 640, 480).size());
        assertEquals(1, SsdOutput.persons(BOXES, CLASSES, SCORES, 1, 0.2, tile, 640, 480).size());
    }

    @Test
    void aBoxUnderATenthOfTheInputIsTooSmallForTheModelToMean() {
        float[] boxes = {0.5f, 0.5f, 0.59f, 0.55f, 0.5f, 0.5f, 0.61f, 0.55f};
        List<Detection> found = SsdOutput.persons(boxes, new float[] {0, 0}, new float[] {0.9f, 0.9f}, 2, 0.5,
                SearchRegion.whole(300, 300), 300, 300);
        assertEquals(1, found.size());
        assertEquals(33, found.get(0).height());
    }

    @Test
    void aBoxReachingPastTheFrameIsCutToIt() {
        float[] boxes = {-0.1f, 0.5f, 1.2f, 1.1f};
        List<Detection> found = SsdOutput.persons(boxes, new float[] {0}, new float[] {0.8f}, 1, 0.5,
                new SearchRegion(400, 0, 400, 480, 0), 640, 480);
        assertEquals(List.of(new Detection(600, 0, 40, 480, 0.8f)), found);
    }
}
