package org.gatewatch.analysis.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import java.util.List;
import java.util.Optional;
import org.gatewatch.analysis.faces.DetectedFace;
import org.gatewatch.analysis.faces.FaceBox;
import org.gatewatch.analysis.faces.RecognizedFace;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

    private final FaceTracker tracker = new FaceTracker();

    private static RecognizedFace faceAt(double x) {
        return new RecognizedFace(new DetectedFace(new FaceBox(x, 100, 60, 60, 0.99), Optional.empty()),
                new float[] {1}, Optional.empty());
    }

    @Test
    void aFaceWithoutABodyKeepsOneTrackAndCarriesItsFace() {
        tracker.update(List.of(faceAt(100)));
        int id = -1;
        for (int f = 1; f < 6; f++) {
            RecognizedFace face = faceAt(100 + 4 * f);
            List<FaceTracker.TrackedFace> out = tracker.update(List.of(face));
            assertEquals(1, out.size());
            id = id < 0 ? out.get(0).track().id() : id;
            assertEquals(id, out.get(0).track().id(), "one walk for one face");
            assertSame(face, out.get(0).face());
        }
        List<FaceTracker.TrackedFace> missed = tracker.update(List.of());
        if (!missed.isEmpty()) {
            assertNull(missed.get(0).face(), "a coasting track has no face of this frame");
        }
        assertEquals(1, tracker.size());
    }

    @Test
    void atAChangeOfViewAFaceTrackNotSeenIsNotDrawnUntilSeenAgain() {
        for (int f = 0; f < 4; f++) {
            tracker.update(List.of(faceAt(100 + 4 * f)));
        }
        assertEquals(1, tracker.update(List.of(), false).size(), "a missed face is drawn at its prediction");
        assertEquals(List.of(), tracker.update(List.of(), true), "after a cut, not where it was");
        assertEquals(1, tracker.size(), "still alive, so the same face seen again is the same walk");
        assertEquals(1, tracker.update(List.of(faceAt(112)), false).size());
    }
}
