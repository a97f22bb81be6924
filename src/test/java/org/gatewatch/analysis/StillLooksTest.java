package org.gatewatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class StillLooksTest {

    /**
     * Runs frames 0..frames-1: {@code still} says which frames are still, {@code empty} which looks find nobody;
     * returns the frames looked at.
     */
    private static List<Long> looks(StillLooks s, long frames, LongPredicate still, LongPredicate empty) {
        List<Long> at = new ArrayList<>();
        for (long i = 0; i < frames; i++) {
            boolean st = still.test(i);
            if (s.due(i, st)) {
                at.add(i);
                s.looked(i, st && empty.test(i));
            }
        }
        return at;
    }

    @Test
    void whileAnythingMovesTheLooksKeepTheirPeriod() {
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L),
                looks(new StillLooks(10, 0), 50, i -> false, i -> true));
        assertEquals(List.of(1L, 11L, 21L), looks(new StillLooks(10, 1), 30, i -> false, i -> true));
    }

    @Test
    void aStillEmptyPictureIsLookedAtLessAndLessOftenUpToTheLimit() {
        // Waits of 20, 40, 80, then 80 again: MAX_BACKOFF times the period.
        assertEquals(List.of(0L, 20L, 60L, 140L, 220L, 300L),
                looks(new StillLooks(10, 0), 320, i -> true, i -> true));
    }

    @Test
    void somebodyFoundKeepsTheLooksAtTheirPeriod() {
        assertEquals(List.of(0L, 10L, 20L, 30L), looks(new StillLooks(10, 0), 40, i -> true, i -> false));
    }

    @Test
    void motionBringsTheNextLookBackToTheGrid() {
        // Still and empty until frame 100 moves: the look due at 140 comes at 100 instead, then every 10 frames.
        List<Long> at = looks(new StillLooks(10, 0), 131, i -> i != 100, i -> i < 100);
        assertEquals(List.of(0L, 20L, 60L, 100L, 110L, 120L, 130L), at);
        // Motion between grid frames: the next look is the next grid frame, not later.
        at = looks(new StillLooks(10, 0), 100, i -> i != 75, i -> i < 70);
        assertEquals(List.of(0L, 20L, 60L, 80L, 90L), at);
    }

    @Test
    void motionBeforeTheFirstLookDoesNotDelayIt() {
        assertEquals(List.of(3L, 13L), looks(new StillLooks(10, 3), 20, i -> i != 1, i -> false));
    }

    @Test
    void aPeriodBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StillLooks(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StillLooks(10, -1));
    }
}
