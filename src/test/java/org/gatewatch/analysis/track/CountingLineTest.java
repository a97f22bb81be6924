package org.gatewatch.analysis.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.Set;
import org.gatewatch.analysis.track.CountingLine.Crossing;
import org.junit.jupiter.api.Test;

class CountingLineTest {

    /** A horizontal line across the picture at y = 300, drawn left to right: walking down the picture is "in". */
    private final CountingLine line = new CountingLine(100, 300, 600, 300);

    @Test
    void walkingDownThePictureAcrossTheLineCountsIn() {
        assertEquals(Crossing.NONE, line.update(1, 300, 280, 0));
        assertEquals(Crossing.NONE, line.update(1, 300, 295, 0));
        assertEquals(Crossing.IN, line.update(1, 300, 310, 0));
        assertEquals(Crossing.NONE, line.update(1, 300, 330, 0));
        assertEquals(1, line.in());
        assertEquals(0, line.out());
    }

    @Test
    void walkingUpCountsOut() {
        line.update(7, 200, 350, 0);
        assertEquals(Crossing.OUT, line.update(7, 205, 290, 0));
        assertEquals(0, line.in());
        assertEquals(1, line.out());
    }

    @Test
    void passingBesideTheSegmentCountsNothing() {
        line.update(2, 650, 280, 0);
        assertEquals(Crossing.NONE, line.update(2, 650, 320, 0), "crosses the line's extension, not the line");
        assertEquals(0, line.in() + line.out());
    }

    @Test
    void standingOnTheLineThenSteppingBackCountsNothing() {
        line.update(3, 300, 290, 0);
        assertEquals(Crossing.NONE, line.update(3, 300, 300, 0), "on the line");
        assertEquals(Crossing.NONE, line.update(3, 300, 290, 0), "back where it came from");
        assertEquals(0, line.in() + line.out());
    }

    @Test
    void eachTrackIsCountedOnItsOwn() {
        line.update(1, 200, 290, 0);
        line.update(2, 400, 310, 0);
        line.update(1, 200, 310, 0);
        line.update(2, 400, 290, 0);
        assertEquals(1, line.in());
        assertEquals(1, line.out());
    }

    @Test
    void aForgottenTrackStartsAfresh() {
        line.update(4, 300, 290, 0);
        line.retain(Set.of());
        assertEquals(Crossing.NONE, line.update(4, 300, 310, 0), "no earlier point to cross from");
    }

    @Test
    void aLineNeedsTwoDifferentPoints() {
        assertThrows(IllegalArgumentException.class, () -> new CountingLine(5, 5, 5, 5));
    }

    @Test
    void someoneStandingAcrossTheLineWhileTheirBoxJittersIsNotCountedAndAWalkerIsOnceAcross() {
        // Feet at y 296..305 on a 300 px line: a standing person's box moving a few pixels from frame to frame.
        double[] feet = {296, 304, 297, 305, 298, 303, 296};
        for (double y : feet) {
            line.update(3, 350, y, 8);
        }
        assertEquals(0, line.in() + line.out(), "within the 8 px band: on the line");
        for (double y : feet) {
            line.update(4, 400, y, 0);
        }
        assertEquals(6, line.in() + line.out(), "without a band the same jitter counts every step");
        assertEquals(Crossing.NONE, line.update(5, 300, 280, 8));
        assertEquals(Crossing.NONE, line.update(5, 300, 295, 8), "into the band");
        assertEquals(Crossing.NONE, line.update(5, 300, 306, 8), "still in it");
        assertEquals(Crossing.IN, line.update(5, 300, 312, 8), "clearly across");
    }
}
