package org.gatewatch.analysis.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.gatewatch.config.PersonDetectorKind;
import org.junit.jupiter.api.Test;

class DetectorChoiceTest {

    @Test
    void autoShowsLargeOrUnknownPeopleToSsdAndSmallOnesToHogUnlessTheyCoverMostOfThePicture() {
        long frame = 768L * 576;
        SearchRegion close = new SearchRegion(0, 0, 400, 400, 300);
        SearchRegion distant = new SearchRegion(0, 0, 100, 120, 60);
        SearchRegion whole = SearchRegion.whole(768, 576);
        SearchRegion everythingMoved = new SearchRegion(0, 0, 768, 576, 60);
        assertTrue(AutoPersonDetector.usesSsd(close, frame) && !AutoPersonDetector.usesHog(close, frame));
        assertTrue(!AutoPersonDetector.usesSsd(distant, frame) && AutoPersonDetector.usesHog(distant, frame));
        assertTrue(AutoPersonDetector.usesSsd(whole, frame) && !AutoPersonDetector.usesHog(whole, frame));
        assertTrue(AutoPersonDetector.usesSsd(everythingMoved, frame)
                && !AutoPersonDetector.usesHog(everythingMoved, frame));
    }

    @Test
    void hogScoresStayBelowSsdsSoSsdWinsAnOverlapAndOnlySsdStartsATrackOnAStillPerson() {
        assertTrue(AutoPersonDetector.hogScore(5) < SsdPersonDetector.MIN_SCORE);
        assertTrue(AutoPersonDetector.hogScore(1) > AutoPersonDetector.hogScore(0));
        assertFalse(PersonDetectors.stillMayStart(PersonDetectorKind.HOG));
        assertTrue(PersonDetectors.stillMayStart(PersonDetectorKind.SSD));
        assertTrue(PersonDetectors.stillMayStart(PersonDetectorKind.AUTO));
    }

    @Test
    void aRegionOfSmallPeopleIsTiledSoEachFillsAThirdOfATileAndTheRegionIsAlsoSeenWhole() {
        // People about 60 px tall: squares of 0.75 × 60 × 3 = 135 px, overlapping by 40 %, plus the region whole.
        List<SearchRegion> tiles = SsdTiling.tiles(new SearchRegion(0, 0, 400, 135, 60), 768, 576, 300);
        assertEquals(new SearchRegion(0, 0, 400, 400, 60), tiles.get(0));
        assertEquals(1 + 5, tiles.size());
        for (SearchRegion t : tiles.subList(1, tiles.size())) {
            assertEquals(135, t.width());
            assertEquals(135, t.height());
        }
        assertEquals(400 - 135, tiles.get(tiles.size() - 1).x(), "the last square ends at the region's edge");
    }

    @Test
    void aRegionOfLargePeopleIsOneViewInsideTheFrameHoldingTheRegion() {
        List<SearchRegion> tiles = SsdTiling.tiles(new SearchRegion(500, 100, 200, 300, 280), 768, 576, 300);
        assertEquals(1, tiles.size());
        SearchRegion t = tiles.get(0);
        assertTrue(t.x() >= 0 && t.x() + t.width() <= 768 && t.y() >= 0 && t.y() + t.height() <= 576, t.toString());
        assertTrue(t.x() <= 500 && t.x() + t.width() >= 700 && t.y() <= 100 && t.y() + t.height() >= 400,
                t.toString());
    }
}
