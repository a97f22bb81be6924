package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaceBoxTest {

    @Test
    void iouOfHalfOverlappingBoxesIsOneThird() {
        assertEquals(1.0 / 3, new FaceBox(0, 0, 10, 10, 1).iou(new FaceBox(5, 0, 10, 10, 1)), 1e-12);
        assertEquals(0, new FaceBox(0, 0, 10, 10, 1).iou(new FaceBox(10, 0, 10, 10, 1)));
    }

    @Test
    void translatingAFaceMovesItsBoxAndLandmarksFromRegionToFramePixels() {
        Landmarks l = new Landmarks(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        DetectedFace inRegion = new DetectedFace(new FaceBox(10, 20, 30, 40, 0.9), Optional.of(l));
        DetectedFace inFrame = inRegion.translate(100, 200);
        assertEquals(110, inFrame.box().x());
        assertEquals(220, inFrame.box().y());
        assertEquals(30, inFrame.box().width());
        assertEquals(101, inFrame.landmarks().orElseThrow().x(0));
        assertEquals(210, inFrame.landmarks().orElseThrow().y(4));
        assertEquals(1, l.x(0), "the original landmarks are unchanged");
    }

    @Test
    void emptyBoxesAndWrongLandmarkCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(0, 0, 0, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new Landmarks(new double[4], new double[5]));
    }
}
