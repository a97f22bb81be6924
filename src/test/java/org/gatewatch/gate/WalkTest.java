package org.gatewatch.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class WalkTest {

    private final Walk walk = new Walk(1, new TrackVote(3, 0.6));

    @Test
    void spoofScoreIsTheMedianOfAtMostThreeFaces() {
        assertNull(walk.spoofScore(), "nothing scored yet");
        assertTrue(walk.wantsSpoofScore());
        walk.addSpoofScore(0.9);
        assertEquals(0.9, walk.spoofScore());
        walk.addSpoofScore(0.1);
        assertEquals(0.5, walk.spoofScore(), 1e-9);
        walk.addSpoofScore(0.2);
        assertEquals(0.2, walk.spoofScore(), "one odd frame does not decide");
        assertFalse(walk.wantsSpoofScore(), "the model's cost is bounded per walk");
    }
}
