package org.gatewatch.bench.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import java.util.Map;
import org.gatewatch.analysis.pedestrians.Detection;
import org.gatewatch.bench.pedestrians.PedestrianLabels.Person;
import org.junit.jupiter.api.Test;

public class PedestrianScoreTest {

    private static Person person(int x, int y, boolean ignore) {
        return new Person(new Detection(x, y, 30, 80, 1), ignore);
    }

    private static Detection box(int x, int y) {
        return new Detection(x, y, 30, 80, 1);
    }

    @Test
    public void matchesAtIouHalfAndCountsMissesAndFalseDetections() {
        PedestrianLabels labels = new PedestrianLabels(Map.of(
                5L, List.of(person(100, 100, false), person(300, 100, false))));
        // One good box (shifted 5 px: IoU 0.71), one box far off (IoU 0), one box on nobody.
        Map<Long, List<Detection>> found = Map.of(5L, List.of(box(105, 100), box(320, 130), box(600, 400)));
        PedestrianScore s = PedestrianScore.score(labels, found);
        assertEquals(1, s.truePositives());
        assertEquals(2, s.falsePositives());
        assertEquals(1, s.misses());
        assertEquals(1.0 / 3, s.precision(), 1e-9);
        assertEquals(0.5, s.recall(), 1e-9);
        assertEquals(1.0, s.countMae(), 1e-9, "3 found, 2 there");
    }

    @Test
    public void oneDetectionCannotMatchTwoPeopleNorTwoDetectionsOnePerson() {
        PedestrianLabels labels = new PedestrianLabels(Map.of(1L, List.of(person(100, 100, false))));
        PedestrianScore s = PedestrianScore.score(labels, Map.of(1L, List.of(box(100, 100), box(102, 100))));
        assertEquals(1, s.truePositives());
        assertEquals(1, s.falsePositives(), "the duplicate");
    }

    @Test
    public void ignoredPeopleAreNeitherDemandedNorPunished() {
        PedestrianLabels labels = new PedestrianLabels(Map.of(
                1L, List.of(person(100, 100, false), person(400, 100, true)),
                2L, List.of(person(400, 100, true))));
        Map<Long, List<Detection>> found = Map.of(1L, List.of(box(100, 100), box(400, 100)));
        PedestrianScore s = PedestrianScore.score(labels, found);
        assertEquals(1, s.truePositives());
        assertEquals(0, s.falsePositives());
        assertEquals(0, s.misses());
        assertEquals(1, s.hardFound());
        assertEquals(2, s.hardTotal());
        assertEquals(0.0, s.countMae(), 1e-9);
    }

    @Test
    public void detectionsOnUnlabelledFramesAreNotScored() {
        PedestrianLabels labels = new PedestrianLabels(Map.of(1L, List.of(person(100, 100, false))));
        PedestrianScore s = PedestrianScore.score(labels, Map.of(2L, List.of(box(100, 100))));
        assertEquals(0, s.truePositives());
        assertEquals(0, s.falsePositives());
        assertEquals(1, s.misses());
    }
}
