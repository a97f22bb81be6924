package org.gatewatch.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Optional;
import org.gatewatch.analysis.faces.FaceQuality;
import org.gatewatch.analysis.faces.Match;
import org.junit.jupiter.api.Test;

class BestFacesTest {

    private static final double T = 0.6;

    /** A usable face whose overall quality is {@code q}. */
    private static FaceQuality quality(double q) {
        return new FaceQuality(1, 1, 1, q);
    }

    private static final FaceQuality PROFILE = new FaceQuality(1, 1, 0, 1);

    private static Optional<Match> ann(double score) {
        return Optional.of(new Match("ann", score));
    }

    @Test
    void theBestFaceNamesThePersonNotTheFirstThree() {
        BestFaces walk = new BestFaces(3, T, 1000);
        walk.add(ann(0.55), quality(0.2), 0);    // far and blurred: below the threshold
        walk.add(ann(0.58), quality(0.3), 100);
        walk.add(ann(0.52), quality(0.25), 200);
        TrackVote firstThree = new TrackVote(3, T);
        firstThree.add(ann(0.55), quality(0.2), 0);
        firstThree.add(ann(0.58), quality(0.3), 100);
        firstThree.add(ann(0.52), quality(0.25), 200);
        assertTrue(firstThree.result().isEmpty(), "the first three faces name nobody");
        walk.add(ann(0.71), quality(0.9), 400);  // close and frontal
        walk.add(ann(0.50), quality(0.1), 500);
        assertEquals(new Match("ann", 0.71), walk.result().orElseThrow());
    }

    @Test
    void theWalkIsDecidedTheWaitAfterItsFirstUsableFace() {
        BestFaces walk = new BestFaces(3, T, 1000);
        assertFalse(walk.decided(10_000), "no face yet");
        walk.add(ann(0.7), PROFILE, 5_000);
        assertFalse(walk.decided(9_000), "a profile starts no clock");
        walk.add(ann(0.7), quality(0.5), 5_200);
        assertFalse(walk.decided(6_199));
        assertTrue(walk.decided(6_200));
        BestFaces now = new BestFaces(3, T, 0);
        now.add(ann(0.7), quality(0.5), 42);
        assertTrue(now.decided(42), "0 decides on the first usable face");
    }

    @Test
    void aBetterFaceOfSomeoneElseAmongTheKeptMakesTheWalkUnknown() {
        BestFaces walk = new BestFaces(3, T, 1000);
        walk.add(ann(0.75), quality(0.9), 0);
        walk.add(Optional.of(new Match("bob", 0.65)), quality(0.5), 100);
        assertTrue(walk.result().isEmpty(), "two people named in one walk: nobody is");
        BestFaces stranger = new BestFaces(3, T, 1000);
        assertFalse(stranger.add(ann(0.45), quality(0.9), 0), "cannot grant: no liveness score spent");
        stranger.add(ann(0.62), quality(0.1), 100); // one lucky, poor frame
        assertTrue(stranger.result().isEmpty(), "the best face decides, and it is below the threshold");
    }

    @Test
    void onlyTheBestFacesAreKept() {
        BestFaces walk = new BestFaces(2, T, 1000);
        walk.add(Optional.of(new Match("bob", 0.7)), quality(0.1), 0);
        walk.add(ann(0.7), quality(0.8), 100);
        walk.add(ann(0.66), quality(0.7), 200);
        assertEquals("ann", walk.result().orElseThrow().personId(), "bob's poor face fell out of the best two");
        assertEquals(3, walk.faces());
    }
}
