package org.gatewatch.analysis.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.track.Tracker.Expected;
import org.junit.jupiter.api.Test;
import org.opencv.core.Rect;

class RestingTracksTest {

    /** A walker 100 px tall, 41 px wide (the detectors' standard aspect), expected at (300, 200). */
    private static final Box WALKER = new Box(300, 200, 41, 100);

    @Test
    void aWalkersOwnBlobIsExplainedArmsAndStrideIncluded() {
        assertTrue(RestingTracks.explains(WALKER, new Rect(296, 196, 50, 108)), "dilated, swinging arms");
        assertTrue(RestingTracks.explains(WALKER, new Rect(305, 215, 30, 70)), "the middle of the body moved");
    }

    @Test
    void aCompanionBesideTheWalkerOrBothTogetherAreLookedAt() {
        assertFalse(RestingTracks.explains(WALKER, new Rect(330, 200, 40, 100)), "a companion a body width aside");
        assertFalse(RestingTracks.explains(WALKER, new Rect(290, 196, 85, 104)), "one blob over two people");
        assertFalse(RestingTracks.explains(WALKER, new Rect(300, 150, 41, 150)), "someone taller behind");
        assertFalse(RestingTracks.explains(WALKER, new Rect(300, 280, 41, 20)), "only the feet: not centred");
    }

    @Test
    void onlyRestingTracksExplainBlobsAndTheRestKeepTheirOrder() {
        Rect own = new Rect(298, 198, 45, 104);
        Rect other = new Rect(600, 100, 30, 80);
        List<Rect> moving = List.of(other, own);
        assertEquals(List.of(other), RestingTracks.unexplained(moving, List.of(new Expected(WALKER, true))));
        assertEquals(moving, RestingTracks.unexplained(moving, List.of(new Expected(WALKER, false))),
                "a track that is looked for explains nothing");
        assertEquals(moving, RestingTracks.unexplained(moving, List.of()));
    }

    @Test
    void aPartOfARestingPersonIsDroppedAndTheWholePersonOrSomeoneElseIsKept() {
        List<Expected> resting = List.of(new Expected(WALKER, true));
        Detection head = new Detection(305, 200, 30, 35, 0.6);
        Detection whole = new Detection(302, 203, 40, 98, 0.9);
        Detection beside = new Detection(345, 210, 38, 60, 0.7);
        assertEquals(List.of(whole, beside), RestingTracks.withoutParts(List.of(head, whole, beside), resting));
        assertEquals(List.of(head, whole), RestingTracks.withoutParts(List.of(head, whole),
                List.of(new Expected(WALKER, false))), "a person looked for whole in this frame keeps NMS's say");
    }
}
