package org.gatewatch.gate;

import java.util.Optional;
import org.gatewatch.analysis.faces.FaceQuality;
import org.gatewatch.analysis.faces.Match;

/**
 * How one walk-through's faces name its person: {@link BestFaces} on the gate, {@link TrackVote} (the first faces'
 * majority) for comparison. Used by the walk's owner thread only.
 */
public interface WalkVote {

    /**
     * One face of the walk: its closest enrolled person (empty when nobody is enrolled), its quality and the capture
     * time of its frame. Returns whether the face could grant access (it names someone at the threshold).
     */
    boolean add(Optional<Match> best, FaceQuality quality, long captureMillis);

    /** Whether the walk can be decided on a frame captured at {@code nowMillis}. */
    boolean decided(long nowMillis);

    /** The person the walk's faces name, with the score; empty when nobody is named. */
    Optional<Match> result();

    /** Faces seen so far. */
    int faces();
}
