package org.gatewatch.analysis.track;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.faces.FaceBox;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.junit.jupiter.api.Test;

class FaceOwnersTest {

    private final TrackedObject left = new TrackedObject(1, new Box(0, 0, 100, 200), 1, true);
    private final TrackedObject right = new TrackedObject(2, new Box(300, 0, 100, 200), 1, true);

    @Test
    void aFaceBelongsToThePedestrianWhoseUpperHalfHoldsItsCentre() {
        assertSame(right, FaceOwners.owner(new FaceBox(330, 20, 40, 40, 0.9), List.of(left, right)));
    }

    @Test
    void aFaceAtBeltHeightOrBetweenPedestriansHasNoOwner() {
        assertNull(FaceOwners.owner(new FaceBox(30, 150, 40, 40, 0.9), List.of(left, right)), "lower half");
        assertNull(FaceOwners.owner(new FaceBox(180, 20, 40, 40, 0.9), List.of(left, right)), "between");
    }
}
