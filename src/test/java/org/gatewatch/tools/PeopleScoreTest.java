package org.gatewatch.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.gatewatch.detect.Detection;
import org.gatewatch.tools.PersonLabels.Person;
import org.junit.jupiter.api.Test;

class PeopleScoreTest {

    private static Person person(int x, int y, boolean ignore) {
        return new Person(new Detection(x, y, 30, 80, 1), ignore);
    }

    private static Detection box(int x, int y) {
        return new Detection(x, y, 30, 80, 1);
    }

    @Test
    void matchesAtIouHalfAndCountsMissesAndFalseDetections() {
        PersonLabels labels = new PersonLabels(Map.of(
                5L, List.of(person(100, 100, false), person(300, 100, false))));
        // One good box (shifted 5 px: IoU 0.71), one box far off (IoU 0), one box on nobody.
        Map<Long, List<Detection>> found = Map.of(5L, List.of(box(105, 100), box(320, 130), box(600, 400)));
        PeopleScore s = PeopleScore.score(labels, found);
        assertEquals(1, s.truePositives());
        assertEquals(2, s.falsePositives());
        assertEquals(1, s.misses());
        assertEquals(1.0 / 3, s.precision(), 1e-9);
        assertEquals(0.5, s.recall(), 1e-9);
        assertEquals(1.0, s.countMae(), 1e-9, "3 found, 2 there");
    }

    @Test
    void oneDetectionCannotMatchTwoPeopleNorTwoDetectionsOnePerson() {
        PersonLabels labels = new PersonLabels(Map.of(1L, List.of(person(100, 100, false))));
        PeopleScore s = PeopleScore.score(labels, Map.of(1L, List.of(box(100, 100), box(102, 100))));
        assertEquals(1, s.truePositives());
        assertEquals(1, s.falsePositives(), "the duplicate");
    }

    @Test
    void ignoredPeopleAreNeitherDemandedNorPunished() {
        PersonLabels labels = new PersonLabels(Map.of(
                1L, List.of(person(100, 100, false), person(400, 100, true)),
                2L, List.of(person(400, 100, true))));
        Map<Long, List<Detection>> found = Map.of(1L, List.of(box(100, 100), box(400, 100)));
        PeopleScore s = PeopleScore.score(labels, found);
        assertEquals(1, s.truePositives());
        assertEquals(0, s.falsePositives());
        assertEquals(0, s.misses());
        assertEquals(1, s.hardFound());
        assertEquals(2, s.hardTotal());
        assertEquals(0.0, s.countMae(), 1e-9);
    }

    @Test
    void detectionsOnUnlabelledFramesAreNotScored() {
        PersonLabels labels = new PersonLabels(Map.of(1L, List.of(person(100, 100, false))));
        PeopleScore s = PeopleScore.score(labels, Map.of(2L, List.of(box(100, 100))));
        assertEquals(0, s.truePositives());
        assertEquals(0, s.falsePositives());
        assertEquals(1, s.misses());
    }
}
