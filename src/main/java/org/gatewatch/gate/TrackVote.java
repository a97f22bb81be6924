package org.gatewatch.gate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gatewatch.analysis.faces.FaceQuality;
import org.gatewatch.analysis.faces.Match;
import org.gatewatch.config.RecognitionConfig;

/**
 * Names the person of one track from several frames, so one lucky frame of a stranger does not open the gate.
 * Each frame with a face adds its best match (or nothing when no face was usable); a frame votes for a person when
 * its score reaches the threshold. The track is decided once {@code minVotes} frames with a face were seen: it is
 * the person with the most votes if they have at least {@code minVotes} votes and more than half of those frames,
 * otherwise unknown. Used by one track's owner thread; not thread-safe.
 */
public final class TrackVote implements WalkVote {

    /** The default of {@code faces.votes} ({@link RecognitionConfig#DEFAULTS}). */
    public static final int DEFAULT_MIN_VOTES = RecognitionConfig.DEFAULTS.votes();

    private final int minVotes;
    private final double threshold;
    private final Map<String, Integer> votes = new HashMap<>();
    private final Map<String, Double> scoreSums = new HashMap<>();
    private int faces;

    public TrackVote(int minVotes, double threshold) {
        if (minVotes < 1) {
            throw new IllegalArgumentException("minVotes must be >= 1: " + minVotes);
        }
        this.minVotes = minVotes;
        this.threshold = threshold;
    }

    /**
     * One frame's face of this track: its best gallery match, or empty if the gallery is empty. Returns whether it
     * voted for someone, i.e. whether this face could grant access.
     */
    public boolean addFace(Optional<Match> best) {
        faces++;
        Optional<Match> vote = best.filter(m -> m.score() >= threshold);
        vote.ifPresent(m -> {
            votes.merge(m.personId(), 1, Integer::sum);
            scoreSums.merge(m.personId(), m.score(), Double::sum);
        });
        return vote.isPresent();
    }

    /** As {@link #addFace}: the first faces vote, whatever their quality. */
    @Override
    public boolean add(Optional<Match> best, FaceQuality quality, long captureMillis) {
        return addFace(best);
    }

    /** As {@link #decided()}: once enough faces were seen, whenever that was. */
    @Override
    public boolean decided(long nowMillis) {
        return decided();
    }

    /** Frames of this track that had a face. */
    @Override
    public int faces() {
        return faces;
    }

    /** True once enough faces were seen to decide. */
    public boolean decided() {
        return faces >= minVotes;
    }

    /**
     * The person this track is, with the mean score of their votes; empty while undecided or when nobody won.
     */
    @Override
    public Optional<Match> result() {
        if (!decided()) {
            return Optional.empty();
        }
        String winner = null;
        int most = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > most || (e.getValue() == most && winner != null
                    && scoreSums.get(e.getKey()) > scoreSums.get(winner))) {
                winner = e.getKey();
                most = e.getValue();
            }
        }
        if (winner == null || most < minVotes || most * 2 <= faces) {
            return Optional.empty();
        }
        return Optional.of(new Match(winner, scoreSums.get(winner) / most));
    }
}
