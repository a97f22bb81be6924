package org.gatewatch.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Optional;
import org.gatewatch.analysis.faces.Match;
import org.junit.jupiter.api.Test;

class TrackVoteTest {

    private static final double T = 0.6;

    private static Optional<Match> m(String id, double score) {
        return Optional.of(new Match(id, score));
    }

    @Test
    void namesNobodyBeforeEnoughFacesWereSeen() {
        TrackVote v = new TrackVote(3, T);
        v.addFace(m("ann", 0.9));
        v.addFace(m("ann", 0.9));
        assertFalse(v.decided());
        assertTrue(v.result().isEmpty());
    }

    @Test
    void aFaceVotesOnlyWhenItReachesTheThreshold() {
        TrackVote v = new TrackVote(3, T);
        assertTrue(v.addFace(m("ann", T)), "a face at the threshold could grant access");
        assertFalse(v.addFace(m("ann", T - 0.01)));
        assertFalse(v.addFace(Optional.empty()));
    }

    @Test
    void namesThePersonOnceThreeFramesAgreeWithTheMeanOfTheirScores() {
        TrackVote v = new TrackVote(3, T);
        v.addFace(m("ann", 0.7));
        v.addFace(m("ann", 0.8));
        v.addFace(m("ann", 0.9));
        assertEquals("ann", v.result().orElseThrow().personId());
        assertEquals(0.8, v.result().orElseThrow().score(), 1e-9);
    }

    @Test
    void oneLuckyFrameOfAStrangerNamesNobody() {
        TrackVote v = new TrackVote(3, T);
        v.addFace(m("ann", 0.3));
        v.addFace(m("ann", 0.65));
        v.addFace(m("bob", 0.2));
        v.addFace(m("ann", 0.4));
        assertTrue(v.decided());
        assertTrue(v.result().isEmpty());
    }

    @Test
    void aPersonNeedsMoreThanHalfOfTheFramesWithAFace() {
        TrackVote v = new TrackVote(3, T);
        for (int i = 0; i < 3; i++) {
            v.addFace(m("ann", 0.7));
        }
        for (int i = 0; i < 3; i++) {
            v.addFace(m("bob", 0.7));
        }
        assertTrue(v.result().isEmpty(), "a 3:3 split is not a decision");
        v.addFace(m("bob", 0.7));
        assertEquals("bob", v.result().orElseThrow().personId());
    }

    @Test
    void framesWithoutAGalleryMatchStillCountAsFaces() {
        TrackVote v = new TrackVote(2, T);
        v.addFace(Optional.empty());
        v.addFace(m("ann", 0.9));
        v.addFace(m("ann", 0.9));
        v.addFace(Optional.empty());
        assertEquals(4, v.faces());
        assertTrue(v.result().isEmpty(), "two votes of four faces is not a majority");
        v.addFace(m("ann", 0.9));
        assertEquals("ann", v.result().orElseThrow().personId());
    }
}
