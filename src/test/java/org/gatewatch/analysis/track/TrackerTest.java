package org.gatewatch.analysis.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.track.Tracker.Observation;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.gatewatch.config.TrackerConfig;
import org.junit.jupiter.api.Test;

class TrackerTest {

    /** Raw boxes (no smoothing), confirmed after 2 hits, 5 frames of memory, reported 2 frames while missing. */
    private final Tracker tracker = new Tracker(new TrackerConfig(0.3, 0.5, 2, 5, 2, 1.0, 1));

    private static Observation at(double x, double y) {
        return new Observation(new Box(x, y, 30, 80), 1.0);
    }

    @Test
    void aWalkerKeepsOneIdAcrossFrames() {
        assertEquals(List.of(), tracker.update(List.of(at(100, 100))), "tentative on its first frame");
        int id = -1;
        for (int f = 1; f < 20; f++) {
            List<TrackedObject> out = tracker.update(List.of(at(100 + 6 * f, 100)));
            assertEquals(1, out.size());
            if (id < 0) {
                id = out.get(0).id();
            }
            assertEquals(id, out.get(0).id());
        }
        assertEquals(1, tracker.tracksStarted());
    }

    @Test
    void aOneFrameFalseDetectionIsNeverReported() {
        tracker.update(List.of(at(300, 300)));
        assertEquals(List.of(), tracker.update(List.of()));
        assertEquals(List.of(), tracker.update(List.of()));
        assertEquals(0, tracker.tracksStarted());
    }

    @Test
    void twoPeopleCrossingKeepTheirOwnIds() {
        // Two walkers approach each other on one row, pass (boxes overlap for a few frames) and walk apart.
        List<Integer> idsOfTheLeftStarter = new ArrayList<>();
        for (int f = 0; f < 30; f++) {
            Observation left = at(100 + 8 * f, 100);
            Observation right = at(340 - 8 * f, 104);
            for (TrackedObject t : tracker.update(List.of(left, right))) {
                if (Math.abs(t.box().x() - left.box().x()) < 1 && Math.abs(t.box().y() - 100) < 1) {
                    idsOfTheLeftStarter.add(t.id());
                }
            }
        }
        assertTrue(idsOfTheLeftStarter.size() >= 25, "found " + idsOfTheLeftStarter.size());
        assertEquals(1, idsOfTheLeftStarter.stream().distinct().count(), "ids " + idsOfTheLeftStarter);
        assertEquals(2, tracker.tracksStarted());
    }

    @Test
    void aShortOcclusionKeepsTheIdAndIsBridgedByPrediction() {
        int id = 0;
        for (int f = 0; f < 5; f++) {
            List<TrackedObject> out = tracker.update(List.of(at(100 + 10 * f, 100)));
            if (!out.isEmpty()) {
                id = out.get(0).id();
            }
        }
        // Hidden behind a sign for 3 frames: reported at its prediction for maxCoast = 2 frames, then not.
        List<TrackedObject> hidden1 = tracker.update(List.of());
        assertEquals(1, hidden1.size());
        assertFalse(hidden1.get(0).detected());
        assertEquals(150, hidden1.get(0).box().x(), 1.0, "constant-velocity prediction");
        assertEquals(1, tracker.update(List.of()).size());
        assertEquals(0, tracker.update(List.of()).size());
        // Reappears where it would be had it kept walking.
        List<TrackedObject> back = tracker.update(List.of(at(180, 100)));
        assertEquals(1, back.size());
        assertEquals(id, back.get(0).id());
        assertTrue(back.get(0).detected());
    }

    @Test
    void aTrackEndsAfterMaxMissedFrames() {
        tracker.update(List.of(at(100, 100)));
        tracker.update(List.of(at(100, 100)));
        for (int f = 0; f < 6; f++) {
            tracker.update(List.of());
        }
        assertEquals(0, tracker.size());
        List<TrackedObject> again = tracker.update(List.of(at(100, 100)));
        assertEquals(List.of(), again, "a new, tentative track");
    }

    @Test
    void aDetectionOfVeryDifferentSizeStartsANewTrack() {
        tracker.update(List.of(at(100, 100)));
        tracker.update(List.of(at(100, 100)));
        // Same centre, three times the height: a different thing (or a bad box), not the same person.
        tracker.update(List.of(new Observation(new Box(85, 20, 60, 240), 1.0)));
        tracker.update(List.of(new Observation(new Box(85, 20, 60, 240), 1.0)));
        assertEquals(2, tracker.tracksStarted());
    }

    @Test
    void smoothingBlendsTheDetectionWithThePrediction() {
        Tracker smooth = new Tracker(new TrackerConfig(0.3, 0.5, 1, 5, 0, 0.5, 1));
        smooth.update(List.of(at(100, 100)));
        List<TrackedObject> out = smooth.update(List.of(at(110, 100)));
        assertEquals(105, out.get(0).box().x(), 1e-9, "half the detection, half the (still) prediction");
    }

    @Test
    void badSettingsAreRefusedWithTheKeyName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrackerConfig(0.3, 0.5, 2, 5, 9, 1.0, 1));
        assertTrue(e.getMessage().contains("people.track.maxCoast"), e.getMessage());
    }

    @Test
    void whenTheViewChangesATrackNotSeenInThatFrameIsNotDrawnUntilSeenAgain() {
        for (int f = 0; f < 5; f++) {
            tracker.update(List.of(at(100 + 6 * f, 100), at(400, 200)));
        }
        // The view changes: only the person at 400 is detected. Without it the other would coast for 2 frames.
        List<TrackedObject> atChange = tracker.update(List.of(at(400, 201)), true);
        assertEquals(1, atChange.size(), atChange.toString());
        int seen = atChange.get(0).id();
        assertEquals(List.of(seen), tracker.update(List.of()).stream().map(TrackedObject::id).toList(),
                "the person seen at the change coasts; the one not seen is not drawn");
        assertEquals(2, tracker.liveIds().size(), "both tracks are still alive");
        // The unseen one is detected again where its walk went on: the same track, drawn again.
        List<TrackedObject> again = tracker.update(List.of(at(100 + 6 * 7, 100), at(400, 201)));
        assertEquals(2, again.size(), again.toString());
        assertTrue(again.stream().allMatch(TrackedObject::detected), again.toString());
        assertEquals(2, tracker.tracksStarted(), "no new track for the person missed at the change");
    }

    /** Which of the tracks expected in the next frame may rest (not be looked for). */
    private static List<Boolean> resting(Tracker t, boolean mayRest) {
        List<Boolean> out = new ArrayList<>();
        for (Tracker.Expected e : t.expected(mayRest)) {
            out.add(e.resting());
        }
        return out;
    }

    @Test
    void aSteadyTrackIsLookedForEveryOtherFrameAndShownAtItsPredictionInBetween() {
        Tracker t = new Tracker(new TrackerConfig(0.3, 0.5, 2, 5, 2, 1.0, 2));
        assertEquals(List.of(), resting(t, true), "no track yet");
        t.update(List.of(at(100, 100)));
        assertEquals(List.of(false), resting(t, true), "a tentative track is always looked for");
        t.update(List.of(at(106, 100)));
        assertEquals(List.of(true), resting(t, true), "confirmed and just seen: may rest");
        List<TrackedObject> rest = t.update(List.of());
        assertEquals(1, rest.size(), "shown while resting");
        assertFalse(rest.get(0).detected());
        assertEquals(112, rest.get(0).box().x(), 1e-9, "at its prediction");
        assertEquals(List.of(false), resting(t, true), "rested once: looked for now");
        List<TrackedObject> seen = t.update(List.of(at(118, 100)));
        assertEquals(rest.get(0).id(), seen.get(0).id(), "the look after the rest continues the same track");
        List<Tracker.Expected> next = t.expected(true);
        assertEquals(124, next.get(0).box().x(), 1e-9, "its speed is measured over both frames: still 6 a frame");
        assertTrue(next.get(0).resting());
        assertEquals(List.of(false), resting(t, false), "nothing rests when the caller says so (a change of view)");
    }

    @Test
    void aTrackTheDetectorMissedIsLookedForInTheNextFrameAndEndsAsUsual() {
        Tracker t = new Tracker(new TrackerConfig(0.3, 0.5, 2, 3, 3, 1.0, 2));
        t.update(List.of(at(100, 100)));
        t.update(List.of(at(106, 100)));
        resting(t, true);
        t.update(List.of()); // rested
        for (int f = 0; f < 2; f++) {
            assertEquals(List.of(false), resting(t, true), "a look that found nothing is no rest, frame " + f);
            assertEquals(1, t.update(List.of()).size());
        }
        assertEquals(List.of(false), resting(t, true));
        assertEquals(List.of(), t.update(List.of()), "rests and misses together end it after maxMissed frames");
        assertEquals(0, t.size());
    }

    @Test
    void aSpeedIsMeasuredFromTheLastDetectionAcrossTheFramesWithoutOne() {
        for (TrackerConfig c : List.of(new TrackerConfig(0.3, 0.5, 2, 5, 2, 1.0, 1),
                new TrackerConfig(0.3, 0.5, 2, 5, 2, 1.0, 2))) {
            Tracker t = new Tracker(c);
            t.update(List.of(at(100, 100)));
            t.update(List.of(at(110, 100)));
            t.expected(true);
            t.update(List.of()); // a miss, or a rest
            t.update(List.of(at(130, 100)));
            assertEquals(140, t.predictions().get(0).x(), 1e-9, "10 px a frame throughout, " + c);
        }
    }

    @Test
    void withLookEveryOneOrNoCoastingNoTrackEverRests() {
        for (TrackerConfig c : List.of(new TrackerConfig(0.3, 0.5, 2, 5, 2, 1.0, 1),
                new TrackerConfig(0.3, 0.5, 2, 5, 0, 1.0, 2))) {
            Tracker t = new Tracker(c);
            for (int f = 0; f < 5; f++) {
                t.update(List.of(at(100 + 6 * f, 100)));
                assertEquals(List.of(false), resting(t, true), c.toString());
            }
        }
    }
}
