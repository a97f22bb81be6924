package org.gatewatch.gate;

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
     * The camera's liveness rule.
     *
     * @param enforced  whether a face that fails the check is denied (otherwise its score is only recorded)
     * @param threshold spoof score above which the face fails
     */
    public record Liveness(boolean enforced, double threshold) {

        /** Scores are recorded, never acted on. */
        public static final Liveness RECORDED_ONLY = new Liveness(false, 1);
    }

    private final Liveness liveness;

    public AccessPolicy(Liveness liveness) {
        this.liveness = liveness;
    }

    /**
     * The person rules, then the liveness check last: a person who would be granted is denied (rule
     * {@code liveness}) when the rule is enforced and the face's spoof score is above the threshold, or was not
     * measured (the check fails closed).
     *
     * @param match      the person the face votes named (the id may no longer exist), or empty
     * @param person     that person as stored now, or empty (deleted, or no match)
     * @param faceSeen   whether any usable face of this walk-through was seen
     * @param when       local time at the gate, for the person's access windows
     * @param spoofScore the liveness model's score of the face (0 live .. 1 attack), or null when none was scored
     */
    public Verdict decide(Optional<String> match, double score, Optional<Person> person, boolean faceSeen,
                          ZonedDateTime when, Double spoofScore) {
        Verdict v = rules(match, score, person, faceSeen, when);
        if (v.decision() == Decision.GRANTED && liveness.enforced()
                && (spoofScore == null || spoofScore > liveness.threshold())) {
            return new Verdict(Decision.DENIED, "liveness", v.personId(), v.personName(), v.score());
        }
        return v;
    }

    private static Verdict rules(Optional<String> match, double score, Optional<Person> person, boolean faceSeen,
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
