package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class GalleryTest {

    /** A unit vector at {@code degrees} in the plane of the first two axes, padded to 4 dimensions. */
    private static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r), 0, 0};
    }

    private static Gallery annAndBob() {
        return Gallery.builder().threshold(0.8)
                .add("ann", at(0)).add("ann", at(40))
                .add("bob", at(90))
                .build();
    }

    @Test
    void identifiesTheClosestPersonByTheirClosestEnrolledEmbedding() {
        Match m = annAndBob().identify(at(35)).orElseThrow();
        assertEquals("ann", m.personId());
        assertEquals(Math.cos(Math.toRadians(5)), m.score(), 1e-6);
    }

    @Test
    void aFaceBelowTheThresholdIsUnknownButItsBestMatchIsStillReported() {
        Gallery g = annAndBob();
        float[] far = at(-60); // 60 degrees from ann's nearest embedding: cosine 0.5 < 0.8
        assertTrue(g.identify(far).isEmpty());
        assertEquals("ann", g.best(far).orElseThrow().personId());
        assertEquals(0.5, g.best(far).orElseThrow().score(), 1e-6);
    }

    @Test
    void theThresholdIsInclusiveAndCanBeChangedWithoutReEnrolling() {
        Gallery g = annAndBob().withThreshold(0.5);
        assertEquals("ann", g.identify(at(-60)).orElseThrow().personId());
        assertEquals(2, g.embeddingCount("ann"));
    }

    @Test
    void aPersonLeftOutIsNoLongerIdentifiedAndTheOriginalKeepsThem() {
        Gallery g = annAndBob();
        Gallery withoutAnn = g.without("ann");
        assertTrue(withoutAnn.identify(at(0)).isEmpty());
        assertEquals("bob", withoutAnn.best(at(0)).orElseThrow().personId());
        assertEquals("ann", g.identify(at(0)).orElseThrow().personId());
    }

    @Test
    void anEmptyGalleryIdentifiesNobody() {
        assertTrue(Gallery.empty().identify(at(0)).isEmpty());
        assertTrue(Gallery.empty().best(at(0)).isEmpty());
    }

    @Test
    void aBuiltGalleryDoesNotChangeWhenTheBuilderOrTheArrayDoes() {
        Gallery.Builder b = Gallery.builder().threshold(0.9);
        float[] v = at(0);
        b.add("ann", v);
        Gallery g = b.build();
        v[0] = 0;
        v[1] = 1;
        b.add("bob", at(90));
        assertEquals(1, g.size());
        assertEquals("ann", g.identify(at(0)).orElseThrow().personId());
    }

    @Test
    void embeddingsOfAnotherLengthAreRefused() {
        Gallery.Builder b = Gallery.builder().add("ann", at(0));
        assertThrows(IllegalArgumentException.class, () -> b.add("bob", new float[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> b.threshold(1.5));
    }
}
