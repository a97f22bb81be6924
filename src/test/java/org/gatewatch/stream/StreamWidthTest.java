package org.gatewatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.gatewatch.http.HttpError;
import org.junit.jupiter.api.Test;

class StreamWidthTest {

    @Test
    void namedSizesAndNoParameterMeanTheirWidths() {
        assertEquals(StreamWidth.FULL, StreamWidth.parse(null, null));
        assertEquals(320, StreamWidth.parse(null, "small"));
        assertEquals(640, StreamWidth.parse(null, "medium"));
        assertEquals(StreamWidth.FULL, StreamWidth.parse(null, "full"));
    }

    @Test
    void widthsSnapUpToTheFixedSetAndAboveItToTheFullPicture() {
        assertEquals(160, StreamWidth.parse("1", null));
        assertEquals(160, StreamWidth.parse("160", null));
        assertEquals(320, StreamWidth.parse("161", null));
        assertEquals(640, StreamWidth.parse("600", null));
        assertEquals(1280, StreamWidth.parse("1280", null));
        assertEquals(StreamWidth.FULL, StreamWidth.parse("1281", null));
        assertEquals(StreamWidth.FULL, StreamWidth.parse("10000", null));
    }

    @Test
    void everyAskableWidthLandsOnOneOfAFewHubs() {
        Set<Integer> seen = new HashSet<>();
        for (int w = 1; w <= StreamWidth.MAX_ASK; w++) {
            seen.add(StreamWidth.parse(Integer.toString(w), null));
        }
        assertEquals(StreamWidth.WIDTHS.size() + 1, seen.size(), "the fixed widths and the full picture: " + seen);
    }

    @Test
    void badValuesAreOneLine400sNamingTheParameter() {
        for (String bad : new String[] {"0", "-5", "abc", "", "320px", "1.5", "10001", "99999999999"}) {
            HttpError e = assertThrows(HttpError.class, () -> StreamWidth.parse(bad, null), bad);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith("width must be"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
        HttpError size = assertThrows(HttpError.class, () -> StreamWidth.parse(null, "huge"));
        assertEquals(400, size.status());
        assertEquals("size must be small, medium or full, not 'huge'", size.getMessage());
        assertEquals(400, assertThrows(HttpError.class, () -> StreamWidth.parse("320", "small")).status());
    }
}
