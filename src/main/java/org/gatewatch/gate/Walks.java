package org.gatewatch.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gatewatch.analysis.faces.FaceBox;
import org.gatewatch.analysis.faces.FaceQuality;
import org.gatewatch.config.RecognitionConfig;
import org.opencv.core.Mat;

/**
 * The walk-throughs under way on one camera, by walk id: a walk starts with its track, keeps its snapshots, and
 * ends when its track has been unseen for {@link #WALK_ENDS_AFTER} analysed frames. One analysis thread.
 */
public final class Walks implements AutoCloseable {

    /** A track unseen for this many analysed frames has left: its walk is decided and forgotten. */
    static final int WALK_ENDS_AFTER = 15;
    /** Tracks shorter than this are noise, not a walk-through: no event. */
    static final int MIN_WALK_FRAMES = 3;
    /** Walks of face-only tracks (no pedestrian box around the face) get ids from here, apart from pedestrians'. */
    static final int FACE_TRACK_OFFSET = 1_000_000;

    private final Map<Integer, Walk> byId = new HashMap<>();
    private final Snapshots snapshots;
    private final int keep;
    private final long decideAfterMillis;
    private long frame;
    private long nowMillis;

    /** As {@link #Walks(SnapshotEncoder, int, long)} with the default wait ({@code faces.decideAfterMillis}). */
    public Walks(SnapshotEncoder encoder, int keep) {
        this(encoder, keep, RecognitionConfig.DEFAULTS.decideAfterMillis());
    }

    /**
     * @param encoder           the snapshots' JPEG encoder, owned: closed with these walks
     * @param keep              best faces kept per walk ({@code faces.votes})
     * @param decideAfterMillis how long after its first usable face a walk is decided
     */
    public Walks(SnapshotEncoder encoder, int keep, long decideAfterMillis) {
        this.snapshots = new Snapshots(encoder);
        this.keep = keep;
        this.decideAfterMillis = decideAfterMillis;
    }

    /** The walk id of a face-only track. */
    static int ofFaceTrack(int faceTrackId) {
        return FACE_TRACK_OFFSET + faceTrackId;
    }

    static boolean isFaceTrack(int walkId) {
        return walkId >= FACE_TRACK_OFFSET;
    }

    /**
     * Invoked once per analysed frame, before any walk is seen on it, with the frame's capture time; returns the
     * frame's number, from 1.
     */
    long nextFrame(long captureMillis) {
        nowMillis = captureMillis;
        return ++frame;
    }

    /** The capture time of the frame being analysed. */
    long nowMillis() {
        return nowMillis;
    }

    /**
     * The walk of a track seen on this frame, started if new with faces named against {@code threshold}; takes its
     * frame snapshot once the walk is long enough to be one.
     */
    Walk seen(int walkId, double threshold, Mat image) {
        Walk walk = byId.computeIfAbsent(walkId,
                id -> new Walk(id, new BestFaces(keep, threshold, decideAfterMillis)));
        walk.lastSeenFrame = frame;
        walk.frames++;
        if (walk.frameJpeg == null && walk.frames >= MIN_WALK_FRAMES) {
            walk.frameJpeg = snapshots.frame(image);
        }
        return walk;
    }

    /** The walk with this id, or null. */
    Walk get(int walkId) {
        return byId.get(walkId);
    }

    /** Keeps the snapshots of the walk's best face so far: the face and the frame it is on. */
    void faceSeen(Walk walk, Mat image, FaceBox face, FaceQuality quality) {
        if (quality.score() > walk.bestFaceQuality) {
            walk.bestFaceQuality = quality.score();
            walk.faceJpeg = snapshots.face(image, face);
            walk.frameJpeg = snapshots.frame(image);
        }
    }

    /** Undecided walks seen on this frame whose faces are in: their wait after the first usable face is over. */
    List<Walk> votedNow() {
        List<Walk> out = new ArrayList<>();
        for (Walk walk : byId.values()) {
            if (walk.verdict == null && walk.lastSeenFrame == frame && walk.vote.decided(nowMillis)) {
                out.add(walk);
            }
        }
        return out;
    }

    /** Forgets the walks whose track has gone; returns those of them still to decide (long enough, undecided). */
    List<Walk> endFinished() {
        List<Walk> undecided = new ArrayList<>();
        for (Iterator<Walk> it = byId.values().iterator(); it.hasNext(); ) {
            Walk walk = it.next();
            if (frame - walk.lastSeenFrame < WALK_ENDS_AFTER) {
                continue;
            }
            if (walk.verdict == null && walk.frames >= MIN_WALK_FRAMES) {
                undecided.add(walk);
            }
            it.remove();
        }
        return undecided;
    }

    @Override
    public void close() {
        snapshots.close();
    }
}
