package org.gatewatch.web;

import jakarta.servlet.ServletContext;
import org.gatewatch.app.Records;

/** The running {@link Records} from the ServletContext; fails loudly if the application did not start. */
public final class RecordsAccess {

    private RecordsAccess() {
    }

    public static Records from(ServletContext context) {
        Records records = (Records) context.getAttribute(Records.ATTRIBUTE);
        if (records == null) {
            throw new IllegalStateException("GateWatch did not start (no database): see the log for the cause");
        }
        return records;
    }
}
