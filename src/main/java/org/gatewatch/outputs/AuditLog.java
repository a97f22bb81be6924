package org.gatewatch.outputs;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.LogText;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.EventListener;

/**
 * One INFO line per access event on the logger {@value #LOGGER}, so an operator can route an audit trail with
 * their own Log4j appender (a file, syslog) without touching the rest of the log.
 */
public final class AuditLog implements EventListener {

    /** Under org.gatewatch, so the shipped log4j2.xml (root at WARN, org.gatewatch at INFO) lets it through. */
    public static final String LOGGER = "org.gatewatch.audit";
    private static final Logger AUDIT = LogManager.getLogger(LOGGER);

    @Override
    public void onEvent(AccessEvent e) {
        // New fields go last, so a parser of the older lines keeps working.
        AUDIT.info("event={} camera={} time={} decision={} person={} name=\"{}\" score={} rule=\"{}\" track={}{}"
                        + " spoofScore={}",
                e.id(), e.camera(), e.time(), e.decision(), e.personId(), quoted(e.personName()), e.score(),
                quoted(e.rule()), e.trackId(), e.snapshotError() == null ? "" : " snapshotError=\"" + quoted(e.snapshotError()) + "\"",
                e.spoofScore());
    }

    /**
     * Quotes inside a value would end the field early for a parser of these lines, and a line break (a name typed
     * into a form) would start a forged line: both are escaped.
     */
    private static String quoted(String s) {
        return s == null ? "" : LogText.encode(s.replace("\\", "\\\\").replace("\"", "\\\""));
    }
}
