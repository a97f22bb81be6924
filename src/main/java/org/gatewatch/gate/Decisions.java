package org.gatewatch.gate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.faces.Match;
import org.gatewatch.events.NewEvent;
import org.gatewatch.people.Person;

/** Decides a walk-through once, by the access policy, and records the decision as an event with its snapshots. */
public final class Decisions {

    private static final Logger LOG = LogManager.getLogger(Decisions.class);

    private final String cameraId;
    private final AccessPolicy policy;
    private final LongFunction<Optional<Person>> persons;
    private final Consumer<NewEvent> events;
    private final Clock clock;

    /**
     * @param policy  the access rules, with the camera's liveness rule
     * @param persons the stored person by id, for the access rules
     * @param events  where decisions go (the event recorder)
     * @param clock   the gate's time zone and time, for the persons' access windows
     */
    public Decisions(String cameraId, AccessPolicy policy, LongFunction<Optional<Person>> persons,
                     Consumer<NewEvent> events, Clock clock) {
        this.cameraId = cameraId;
        this.policy = policy;
        this.persons = persons;
        this.events = events;
        this.clock = clock;
    }

    /** Invoked by the analysis thread when a walk's votes are in, or its track has gone; sets its verdict. */
    void decide(Walk walk, long captureMillis) {
        Optional<Match> match = walk.vote.result();
        Optional<Person> person = match.flatMap(m -> parseId(m.personId())).flatMap(persons::apply);
        Double spoofScore = walk.spoofScore();
        AccessPolicy.Verdict verdict = policy.decide(match.map(Match::personId),
                match.map(Match::score).orElse(0.0), person, walk.facesSeen > 0, ZonedDateTime.now(clock),
                spoofScore);
        walk.verdict = verdict;
        try {
            events.accept(new NewEvent(cameraId, Instant.ofEpochMilli(captureMillis), verdict.decision(),
                    verdict.personId(), verdict.personName(), verdict.score(), verdict.rule(), (long) walk.trackId,
                    walk.frameJpeg, walk.faceJpeg, spoofScore));
        } catch (RuntimeException e) {
            // The decision stands on the stream even when storing it failed; the recorder logs the cause too.
            LOG.error("Camera {}: could not record the {} of track {}", cameraId, verdict.decision(), walk.trackId, e);
        }
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
