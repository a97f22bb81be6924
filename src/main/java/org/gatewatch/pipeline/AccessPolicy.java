package org.gatewatch.pipeline;

import java.time.ZonedDateTime;
import java.util.Optional;
import org.gatewatch.events.Decision;
import org.gatewatch.people.Person;

/**
 * The access rules of the gate, applied once per walk-through: who may pass, and why not. The rule names go into
 * the event and are part of its API.
 */
public final class AccessPolicy {

    /** The outcome of one walk-through. Person fields are null when nobody was recognised. */
    public record Verdict(Decision decision, String rule, Long personId, String personName, Double score) {
    }

    /**
     * @param match     the person the face votes named (the id may no longer exist), or empty
     * @param person    that person as stored now, or empty (deleted, or no match)
     * @param faceSeen  whether any usable face of this walk-through was seen
     * @param when      local time at the gate, for the person's access windows
     */
    public Verdict decide(Optional<String> match, double score, Optional<Person> person, boolean faceSeen,
                          ZonedDateTime when) {
        if (!faceSeen) {
            return new Verdict(Decision.PASSAGE, "no-face", null, null, null);
        }
        if (match.isEmpty() || person.isEmpty()) {
            return new Verdict(Decision.DENIED, "unknown", null, null, match.isEmpty() ? null : score);
        }
        Person p = person.get();
        if (!p.active()) {
            return new Verdict(Decision.DENIED, "inactive", p.id(), p.name(), score);
        }
        if (!p.accessWindows().allows(when.getDayOfWeek(), when.toLocalTime())) {
            return new Verdict(Decision.DENIED, "schedule", p.id(), p.name(), score);
        }
        return new Verdict(Decision.GRANTED, "recognized", p.id(), p.name(), score);
    }
}
