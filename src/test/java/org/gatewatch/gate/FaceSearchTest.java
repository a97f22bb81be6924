package org.gatewatch.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.pedestrians.SearchRegion;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.junit.jupiter.api.Test;
import org.opencv.core.Rect;

class FaceSearchTest {

    private static final int COLS = 768;
    private static final int ROWS = 576;

    @Test
    void looksAroundWhatMovedAndWhoIsTracked() {
        List<Rect> areas = FaceSearch.areas(List.of(new SearchRegion(100, 100, 80, 160, 120)),
                List.of(new TrackedObject(1, new Box(500, 300, 60, 150), 0.9, true)), List.of(), COLS, ROWS, 40);
        assertEquals(2, areas.size());
        assertRect(60, 60, 160, 240, areas.get(0));
        assertRect(460, 260, 140, 230, areas.get(1));
        assertTrue(area(areas) < 0.2 * COLS * ROWS, "a fifth of the frame or less is looked at");
    }

    @Test
    void aFaceTrackWithoutABodyKeepsItsFaceInView() {
        List<Rect> areas = FaceSearch.areas(List.of(), List.of(), List.of(new Box(300, 200, 80, 80)), COLS, ROWS, 40);
        assertEquals(List.of(new Rect(220, 120, 240, 240)), areas);
    }

    @Test
    void overlappingAreasAreLookedAtOnce() {
        List<Rect> areas = FaceSearch.areas(List.of(new SearchRegion(100, 100, 100, 100, 0)),
                List.of(new TrackedObject(2, new Box(150, 150, 100, 100), 0.9, true)), List.of(), COLS, ROWS, 20);
        assertEquals(List.of(new Rect(80, 80, 190, 190)), areas);
    }

    @Test
    void mostOfTheFrameIsTheWholeFrame() {
        List<Rect> areas = FaceSearch.areas(List.of(new SearchRegion(0, 0, 600, 500, 0),
                new SearchRegion(700, 20, 40, 40, 0)), List.of(), List.of(), COLS, ROWS, 40);
        assertEquals(List.of(new Rect(0, 0, COLS, ROWS)), areas);
    }

    @Test
    void areasStayInsideTheFrame() {
        List<Rect> areas = FaceSearch.areas(List.of(), List.of(new TrackedObject(3, new Box(-30, 500, 90, 120), 0.9,
                false)), List.of(), COLS, ROWS, 40);
        assertRect(0, 460, 100, ROWS - 460, areas.get(0));
    }

    @Test
    void nothingToLookAroundIsNoArea() {
        assertEquals(List.of(), FaceSearch.areas(List.of(), List.of(), List.of(), COLS, ROWS, 40));
    }

    private static void assertRect(int x, int y, int w, int h, Rect r) {
        assertEquals(new Rect(x, y, w, h), r);
    }

    private static long area(List<Rect> rects) {
        long a = 0;
        for (Rect r : rects) {
            a += (long) r.width * r.height;
        }
        return a;
    }
}
