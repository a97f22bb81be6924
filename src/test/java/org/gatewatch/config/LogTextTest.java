package org.gatewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import org.junit.jupiter.api.Test;

/** A value from a request cannot start a log line of its own. */
class LogTextTest {

    @Test
    void lineBreaksAreEncoded() {
        assertEquals("/api/people/1\\r\\n2026-03-02 INFO forged",
                LogText.encode("/api/people/1\r\n2026-03-02 INFO forged"));
        assertEquals("a\\nb\\tc", LogText.encode("a\nb\tc"));
    }

    @Test
    void otherControlAndLineSeparatorCharactersAreEncoded() {
        assertEquals("a\\u0000b\\u001bc\\u0085d\\u2028e\\u2029f\\u007f",
                LogText.encode("a\u0000b\u001bc\u0085d\u2028e\u2029f\u007f"));
    }

    @Test
    void ordinaryTextIsReturnedAsIs() {
        String s = "GET /gatewatch/api/people?q=Zoë \"quoted\" \\ back";
        assertSame(s, LogText.encode(s));
        assertEquals("null", LogText.encode(null));
        assertEquals("42", LogText.encode(42));
    }
}
