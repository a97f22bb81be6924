package org.gatewatch.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.gatewatch.events.Decision;
import org.gatewatch.people.AccessWindows;
import org.gatewatch.people.Person;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy(AccessPolicy.Liveness.RECORDED_ONLY);
    // A Tuesday, 10:30 local time.
    private final ZonedDateTime tuesdayMorning = ZonedDateTime.of(2026, 11, 24, 10, 30, 0, 0, ZoneId.of("UTC"));

    private static Person person(boolean active, String windows) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Person(7, "Ada", "B-7", active,
                windows == null ? AccessWindows.ANY_TIME : AccessWindows.parse(windows), "", t, t);
    }

    @Test
    void recognisedActivePersonIsGranted() {
        var v = policy.decide(Optional.of("7"), 0.81, Optional.of(person(true, null)), true, tuesdayMorning, null);
        assertEquals(Decision.GRANTED, v.decision());
        assertEquals("recognized", v.rule());
        assertEquals(7L, v.personId());
        assertEquals("Ada", v.personName());
        assertEquals(0.81, v.score());
    }

    @Test
    void inactivePersonIsDenied() {
        var v = policy.decide(Optional.of("7"), 0.81, Optional.of(person(false, null)), true, tuesdayMorning, null);
        assertEquals(Decision.DENIED, v.decision());
        assertEquals("inactive", v.rule());
        assertEquals("Ada", v.personName());
    }

    @Test
    void personOutsideTheirWindowsIsDenied() {
        Person weekdaysAfternoon = person(true, "Mon-Fri 13:00-17:00");
        var v = policy.decide(Optional.of("7"), 0.7, Optional.of(weekdaysAfternoon), true, tuesdayMorning, null);
        assertEquals(Decision.DENIED, v.decision());
        assertEquals("schedule", v.rule());
        var inside = policy.decide(Optional.of("7"), 0.7, Optional.of(weekdaysAfternoon), true,
                tuesdayMorning.withHour(14), null);
        assertEquals(Decision.GRANTED, inside.decision());
    }

    @Test
    void unrecognisedFaceIsDeniedAndNamesNobody() {
        var v = policy.decide(Optional.empty(), 0, Optional.empty(), true, tuesdayMorning, null);
        assertEquals(Decision.DENIED, v.decision());
        assertEquals("unknown", v.rule());
        assertNull(v.personId());
        assertNull(v.score());
    }

    @Test
    void matchOfADeletedPersonIsUnknown() {
        var v = policy.decide(Optional.of("99"), 0.9, Optional.empty(), true, tuesdayMorning, null);
        assertEquals(Decision.DENIED, v.decision());
        assertEquals("unknown", v.rule());
        assertNull(v.personId());
    }

    @Test
    void walkWithoutAnyUsableFaceIsAPassage() {
        var v = policy.decide(Optional.empty(), 0, Optional.empty(), false, tuesdayMorning, null);
        assertEquals(Decision.PASSAGE, v.decision());
        assertEquals("no-face", v.rule());
    }

    @Test
    void enforcedLivenessDeniesAFaceAboveTheThresholdAndOneNeverScored() {
        AccessPolicy strict = new AccessPolicy(new AccessPolicy.Liveness(true, 0.2));
        Optional<Person> ada = Optional.of(person(true, null));
        var live = strict.decide(Optional.of("7"), 0.8, ada, true, tuesdayMorning, 0.05);
        assertEquals(Decision.GRANTED, live.decision());
        var photo = strict.decide(Optional.of("7"), 0.8, ada, true, tuesdayMorning, 0.9);
        assertEquals(Decision.DENIED, photo.decision());
        assertEquals("liveness", photo.rule());
        assertEquals("Ada", photo.personName(), "the event still says who the face looked like");
        var atThreshold = strict.decide(Optional.of("7"), 0.8, ada, true, tuesdayMorning, 0.2);
        assertEquals(Decision.GRANTED, atThreshold.decision(), "only a score above the threshold fails");
        var unscored = strict.decide(Optional.of("7"), 0.8, ada, true, tuesdayMorning, null);
        assertEquals("liveness", unscored.rule(), "no score fails closed");
    }

    @Test
    void livenessOnlyTurnsGrantsIntoDenials() {
        AccessPolicy strict = new AccessPolicy(new AccessPolicy.Liveness(true, 0.2));
        var inactive = strict.decide(Optional.of("7"), 0.8, Optional.of(person(false, null)), true, tuesdayMorning, 0.9);
        assertEquals("inactive", inactive.rule());
        var noFace = strict.decide(Optional.empty(), 0, Optional.empty(), false, tuesdayMorning, null);
        assertEquals(Decision.PASSAGE, noFace.decision());
    }

    @Test
    void recordedLivenessNeverDenies() {
        var v = policy.decide(Optional.of("7"), 0.8, Optional.of(person(true, null)), true, tuesdayMorning, 0.99);
        assertEquals(Decision.GRANTED, v.decision());
    }
}
