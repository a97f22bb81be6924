package org.gatewatch.events.journal;

import org.gatewatch.events.AccessEvent;

/** Where a {@link JournalReader} takes each decision: the database, the audit trail, a receiver of the door. */
@FunctionalInterface
public interface JournalDelivery {

    /**
     * Delivers one decision, or decides for good not to (it expired): either way the reader moves on. Throwing
     * means "not now": the same decision is tried again after a pause, and nothing after it goes first.
     */
    void deliver(AccessEvent event) throws Exception;

    /** Thrown by a delivery that can never take this decision (its receiver rejects its content): it is skipped. */
    final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
