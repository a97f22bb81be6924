package org.gatewatch.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.DayOfWeek;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class AccessWindowsTest {

    @Test
    void weekdayRangeAllowsInsideAndRefusesOutside() {
        AccessWindows w = AccessWindows.parse("mon-fri 7:00-19:00; Sat 08:00-12:00");
        assertTrue(w.allows(DayOfWeek.WEDNESDAY, LocalTime.of(7, 0)));
        assertFalse(w.allows(DayOfWeek.WEDNESDAY, LocalTime.of(19, 0)), "the end is exclusive");
        assertTrue(w.allows(DayOfWeek.SATURDAY, LocalTime.of(11, 59)));
        assertFalse(w.allows(DayOfWeek.SUNDAY, LocalTime.NOON));
        assertEquals("Mon-Fri 07:00-19:00, Sat 08:00-12:00", w.toString());
        assertEquals(w, AccessWindows.parse(w.toString()), "the canonical text reads back");
    }

    @Test
    void emptyMeansAnyTime() {
        assertTrue(AccessWindows.parse(" ").allows(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT));
        assertEquals("Daily 00:00-23:59", AccessWindows.parse("daily 00:00-23:59").toString());
    }

    @Test
    void badTextNamesTheFieldAndTheEntry() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AccessWindows.parse("Mon-Fri 07:00-19:00, Funday 10:00-11:00"));
        assertEquals("accessWindows", e.field());
        assertTrue(e.getMessage().contains("Funday"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> AccessWindows.parse("Mon 10:00-09:00"));
        assertThrows(InvalidInputException.class, () -> AccessWindows.parse("Fri-Mon 10:00-11:00"));
        assertThrows(InvalidInputException.class, () -> AccessWindows.parse("Mon 25:00-26:00"));
    }
}
