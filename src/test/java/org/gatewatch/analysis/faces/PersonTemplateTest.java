package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonTemplateTest {

    /** A unit vector at {@code degrees} in the plane of the first two axes, padded to 4 dimensions. */
    private static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r), 0, 0};
    }

    @Test
    void aWronglyEnrolledFaceIsLeftOutAndDoesNotWidenWhoPasses() {
        // Ann's three faces lie within 20 degrees; the fourth, 150 degrees away, is someone else's photo.
        Gallery withWrongFace = Gallery.builder().threshold(0.6)
                .add("ann", at(0)).add("ann", at(10)).add("ann", at(20)).add("ann", at(150)).build();
        Gallery right = Gallery.builder().threshold(0.6)
                .add("ann", at(0)).add("ann", at(10)).add("ann", at(20)).build();
        PersonTemplate t = withWrongFace.template("ann");
        assertFalse(t.kept(3), "the wrong face is left out");
        assertTrue(t.kept(0) && t.kept(1) && t.kept(2));
        assertTrue(t.agreement(3) < 0 && t.agreement(0) > 0.9, "the person page can show which photo disagrees");
        float[] looksLikeTheWrongPhoto = at(145);
        assertTrue(withWrongFace.nearestFace(looksLikeTheWrongPhoto).orElseThrow().score() > 0.99,
                "matched face by face, the wrong photo would let its look-alike in");
        assertTrue(withWrongFace.identify(looksLikeTheWrongPhoto).isEmpty());
        for (int deg = -180; deg < 180; deg += 5) {
            assertEquals(right.identify(at(deg)).isPresent(), withWrongFace.identify(at(deg)).isPresent(),
                    "acceptance at " + deg + " degrees is that of the right faces alone");
        }
    }

    @Test
    void fromThreeFacesAMatchMustClearTheTemplateAndTheNearestFace() {
        // Faces at 0, 40 and 80 degrees: a probe at -30 is 30 degrees from the nearest (cos 0.87) but 70 from the
        // mean at 40 (cos 0.34), and scores as the weaker of the two.
        PersonTemplate t = PersonTemplate.of(List.of(at(0), at(40), at(80)));
        assertTrue(t.hasTemplate());
        assertEquals(Math.cos(Math.toRadians(70)), t.score(at(-30)), 1e-5);
        assertEquals(Math.cos(Math.toRadians(30)), t.nearest(at(-30)), 1e-5);
        assertEquals(1.0, t.score(at(40)), 1e-5, "on the mean and on a face");
    }

    @Test
    void oneOrTwoFacesAreMatchedOneByOneAndNeverLeftOut() {
        PersonTemplate two = PersonTemplate.of(List.of(at(0), at(170)));
        assertFalse(two.hasTemplate());
        assertTrue(two.kept(0) && two.kept(1), "two faces that disagree do not say which one is wrong");
        assertEquals(1.0, two.score(at(170)), 1e-5);
        assertTrue(Double.isNaN(PersonTemplate.of(List.of(at(0))).agreement(0)), "one face agrees with nobody");
    }

    @Test
    void theKeptFacesStayAMajority() {
        PersonTemplate t = PersonTemplate.of(List.of(at(0), at(120), at(240)));
        int kept = 0;
        for (int i = 0; i < t.size(); i++) {
            kept += t.kept(i) ? 1 : 0;
        }
        assertEquals(2, kept, "three faces that all disagree: at most one is left out");
    }
}
