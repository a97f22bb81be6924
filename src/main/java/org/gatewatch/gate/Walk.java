package org.gatewatch.gate;

import java.util.Arrays;

/**
 * One pedestrian's walk through the gate: one track, how its faces name its person, the liveness scores of its faces
 * that could grant access, its snapshots and, once, its verdict.
 */
final class Walk {

    /**
     * Faces of one walk given to the liveness model: its ~90 ms a face would otherwise slow the camera's analysis
     * for as long as a person stands at the gate; the median of three is steadier than any one frame.
     */
    static final int LIVENESS_SAMPLES = 3;

    final int trackId;
    final WalkVote vote;
    long lastSeenFrame;
    int frames;
    int facesSeen;
    /** The quality of the face whose snapshot is kept; -1 before any. */
    double bestFaceQuality = -1;
    byte[] faceJpeg;
    byte[] frameJpeg;
    AccessPolicy.Verdict verdict;
    private final double[] spoofScores = new double[LIVENESS_SAMPLES];
    private int spoofCount;

    Walk(int trackId, WalkVote vote) {
        this.trackId = trackId;
        this.vote = vote;
    }

    boolean wantsSpoofScore() {
        return spoofCount < LIVENESS_SAMPLES;
    }

    void addSpoofScore(double score) {
        spoofScores[spoofCount++] = score;
    }

    /** The median liveness score of this walk's scored faces, or null when none was scored. */
    Double spoofScore() {
        if (spoofCount == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(spoofScores, spoofCount);
        Arrays.sort(sorted);
        return spoofCount % 2 == 1 ? sorted[spoofCount / 2]
                : (sorted[spoofCount / 2 - 1] + sorted[spoofCount / 2]) / 2;
    }
}
