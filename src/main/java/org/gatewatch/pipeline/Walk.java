package org.gatewatch.pipeline;

import org.gatewatch.recognize.TrackVote;

/** One person's walk through the gate: one track, its face votes, its snapshots and, once, its verdict. */
final class Walk {

    final int trackId;
    final TrackVote vote;
    long lastSeenFrame;
    int frames;
    int facesSeen;
    double bestFaceArea;
    byte[] faceJpeg;
    byte[] frameJpeg;
    AccessPolicy.Verdict verdict;

    Walk(int trackId, TrackVote vote) {
        this.trackId = trackId;
        this.vote = vote;
    }
}
