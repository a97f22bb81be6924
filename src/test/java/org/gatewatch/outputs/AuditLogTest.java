package org.gatewatch.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.junit.jupiter.api.Test;

/** Every event is one INFO line on the dedicated audit logger. */
class AuditLogTest {

    @Test
    void oneInfoLinePerEventOnTheAuditLogger() {
        List<LogEvent> lines = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.toImmutable());
            }
        };
        capture.start();
        Logger audit = (Logger) LogManager.getLogger(AuditLog.LOGGER);
        audit.addAppender(capture);
        try {
            new AuditLog().onEvent(new AccessEvent(5, "north", Instant.parse("2026-03-02T08:00:00Z"), Decision.DENIED,
                    null, "Mallory \"M\"", 0.31, "unknown face", 9L, null, null, null, 0.97));
        } finally {
            audit.removeAppender(capture);
        }
        assertEquals(1, lines.size());
        assertEquals(Level.INFO, lines.get(0).getLevel());
        String text = lines.get(0).getMessage().getFormattedMessage();
        assertTrue(text.startsWith("event=5 camera=north time=2026-03-02T08:00:00Z decision=DENIED"), text);
        assertTrue(text.contains("name=\"Mallory \\\"M\\\"\""), "quotes escaped: " + text);
        // Bug pinned: spoofScore was written before snapshotError, moving a field that parsers of older lines read.
        assertTrue(text.endsWith(" spoofScore=0.97"), "the newest field last: " + text);
    }

    @Test
    void aLineBreakInANameCannotForgeAnAuditLine() {
        String text = auditLineOf(new AccessEvent(6, "north", Instant.parse("2026-03-02T08:00:00Z"), Decision.DENIED,
                null, "Eve\r\nevent=7 camera=north decision=GRANTED person=1", 0.2, "unknown face", 3L, null, null,
                null, 0.1));
        assertFalse(text.contains("\n") || text.contains("\r"), "one line: " + text);
        assertTrue(text.contains("name=\"Eve\\r\\nevent=7 camera=north decision=GRANTED person=1\""), text);
    }

    private static String auditLineOf(AccessEvent event) {
        List<LogEvent> lines = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("capture-crlf", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent e) {
                lines.add(e.toImmutable());
            }
        };
        capture.start();
        Logger audit = (Logger) LogManager.getLogger(AuditLog.LOGGER);
        audit.addAppender(capture);
        try {
            new AuditLog().onEvent(event);
        } finally {
            audit.removeAppender(capture);
        }
        assertEquals(1, lines.size());
        return lines.get(0).getMessage().getFormattedMessage();
    }
}
