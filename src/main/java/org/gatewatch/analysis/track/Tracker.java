package org.gatewatch.analysis.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.gatewatch.analysis.Box;
import org.gatewatch.config.TrackerConfig;

/**
 * Gives each pedestrian an id that lasts across frames, so one walk-through is one track. Detections are matched to
 * the tracks' constant-velocity predictions, greedily by overlap (IoU) and, for what overlap misses, by centre
 * distance; a track lives on for a few frames without detections (occlusion, a missed frame) and is reported at
 * its prediction for a shorter while. New tracks are reported only once seen {@code minHits} times, which removes
 * most one-frame false detections. Plain Java, one instance per camera, used by one thread.
 */
public final class Tracker {

    /**
     * A detection handed to the tracker.
     *
     * @param mayStartTrack false when this detection may only continue an existing track: the analyzer says so
     *                      for detections where nothing moved, because a gate's pedestrians walk in, while
     *                      HOG's false positives sit on the still background
     */
    public record Observation(Box box, double score, boolean mayStartTrack) {

        public Observation(Box box, double score) {
            this(box, score, true);
        }
    }

    /**
     * A track as reported for one frame.
     *
     * @param detected false when the track was not detected in this frame and is reported at its prediction
     */
    public record TrackedObject(int id, Box box, double score, boolean detected) {
    }

    /**
     * Where a live track expects to be in the next frame.
     *
     * @param resting true when the track need not be looked for in that frame: it is confirmed, was detected at its
     *                last look, and has rested fewer frames in a row than {@link TrackerConfig#restFrames()}
     */
    public record Expected(Box box, boolean resting) {
    }

    /** A tentative track dies after this many frames without a detection: it has not shown it is a pedestrian. */
    private static final int TENTATIVE_MAX_MISSED = 1;
    /** Weight of the newest displacement in the velocity estimate (the rest is the previous estimate). */
    private static final double VELOCITY_GAIN = 0.5;

    private final TrackerConfig config;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;

    public Tracker(TrackerConfig config) {
        this.config = config;
    }

    private static final class Track {
        int id; // 0 while tentative
        Box box;
        /** The box of its last detection: its speed is measured from there, over every frame since. */
        Box seen;
        double vx;
        double vy;
        double score;
        int hits = 1;
        /** Frames since its last detection, rests included: a rest is a frame without a detection for every limit. */
        int missed;
        /** Whether it was looked for and not found since its last detection: then it is looked for until found. */
        boolean lookFailed;
        boolean restingNow;
        boolean unseenSinceViewChange;

        Box predicted() {
            return box.shifted(vx, vy);
        }
    }

    private record Pair(Track track, int detection, double quality) {
    }

    /** Invoked once per analysed frame, in order, with that frame's detections; returns the tracks to report. */
    public List<TrackedObject> update(List<Observation> detections) {
        return update(detections, false);
    }

    /**
     * As {@link #update(List)}; with {@code viewChanged} (the picture changed as a whole: a cut, a moved camera, the
     * lights), a track not detected in this frame is no longer reported at its predictions, which belong to the old
     * view, until it is detected again. It stays alive for {@code maxMissed} frames as usual, so a person the detector
     * missed in that one frame keeps their track, and their walk stays one walk.
     */
    public List<TrackedObject> update(List<Observation> detections, boolean viewChanged) {
        List<Pair> pairs = new ArrayList<>();
        for (Track t : tracks) {
            Box p = t.predicted();
            for (int i = 0; i < detections.size(); i++) {
                double q = matchQuality(p, detections.get(i).box());
                if (q > 0) {
                    pairs.add(new Pair(t, i, q));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::quality).reversed());
        boolean[] used = new boolean[detections.size()];
        List<Track> matched = new ArrayList<>();
        for (Pair pair : pairs) {
            if (used[pair.detection()] || matched.contains(pair.track())) {
                continue;
            }
            used[pair.detection()] = true;
            matched.add(pair.track());
            follow(pair.track(), detections.get(pair.detection()));
        }
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (matched.contains(t)) {
                continue;
            }
            t.missed++;
            t.lookFailed |= !t.restingNow;
            t.box = t.predicted();
            t.unseenSinceViewChange |= viewChanged;
            int limit = t.id == 0 ? TENTATIVE_MAX_MISSED : config.maxMissed();
            if (t.missed > limit) {
                it.remove();
            }
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!used[i] && detections.get(i).mayStartTrack()) {
                Track t = new Track();
                t.box = detections.get(i).box();
                t.seen = t.box;
                t.score = detections.get(i).score();
                tracks.add(t);
                confirmIfSeenEnough(t);
            }
        }
        List<TrackedObject> out = new ArrayList<>();
        for (Track t : tracks) {
            t.restingNow = false;
            if (t.id != 0 && t.missed <= config.maxCoast() && !t.unseenSinceViewChange) {
                out.add(new TrackedObject(t.id, t.box, t.score, t.missed == 0));
            }
        }
        return out;
    }

    /** Where the live tracks expect to be in the next frame (a face detector looks there even if nothing moved). */
    public List<Box> predictions() {
        List<Box> boxes = new ArrayList<>();
        for (Track t : tracks) {
            boxes.add(t.predicted());
        }
        return boxes;
    }

    /**
     * The live tracks' predictions for the next frame, as {@link #predictions()}, each marked whether it may rest:
     * not be looked for in that frame (see {@link Expected#resting()}; none with {@code mayRest} false). Invoked at
     * most once before each {@link #update}, which then counts a resting track's missing detection as a rest rather
     * than a failed look (the track may rest again after its next detection). For its drawing at the prediction, its
     * speed and its {@code maxCoast} and {@code maxMissed}, a rest is a frame without a detection like any other.
     */
    public List<Expected> expected(boolean mayRest) {
        List<Expected> out = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            t.restingNow = mayRest && t.id != 0 && !t.lookFailed && t.missed < config.restFrames();
            out.add(new Expected(t.predicted(), t.restingNow));
        }
        return out;
    }

    /** Ids of the confirmed tracks still alive (reported or waiting to be seen again). */
    public Set<Integer> liveIds() {
        Set<Integer> ids = new HashSet<>();
        for (Track t : tracks) {
            if (t.id != 0) {
                ids.add(t.id);
            }
        }
        return ids;
    }

    /** Tracks alive (tentative ones included). */
    public int size() {
        return tracks.size();
    }

    /** Ids handed out so far: the number of confirmed tracks since the start. */
    public int tracksStarted() {
        return nextId - 1;
    }

    /** IoU when the boxes overlap enough, else a smaller positive value for a near centre, else 0. */
    private double matchQuality(Box predicted, Box detected) {
        double iou = predicted.iou(detected);
        if (iou >= config.minIou()) {
            return iou;
        }
        double ratio = detected.height() / predicted.height();
        if (ratio > TrackerConfig.MAX_HEIGHT_RATIO || ratio < 1 / TrackerConfig.MAX_HEIGHT_RATIO) {
            return 0;
        }
        double reach = config.maxCenterShift() * predicted.height();
        double shift = Math.hypot(detected.centerX() - predicted.centerX(), detected.centerY() - predicted.centerY());
        if (reach <= 0 || shift > reach) {
            return 0;
        }
        // Below every IoU match, so overlap always wins; nearer centres first among these.
        return config.minIou() * (1 - shift / reach) * 0.99 + 1e-9;
    }

    private void follow(Track t, Observation d) {
        Box updated = config.smoothing() >= 1 ? d.box() : d.box().blend(t.predicted(), config.smoothing());
        // From the last detection, not from the predictions drawn since: those already moved the box at the old speed.
        int frames = t.missed + 1;
        double dx = (updated.centerX() - t.seen.centerX()) / frames;
        double dy = (updated.centerY() - t.seen.centerY()) / frames;
        if (t.hits == 1) {
            t.vx = dx;
            t.vy = dy;
        } else {
            t.vx = VELOCITY_GAIN * dx + (1 - VELOCITY_GAIN) * t.vx;
            t.vy = VELOCITY_GAIN * dy + (1 - VELOCITY_GAIN) * t.vy;
        }
        t.box = updated;
        t.seen = updated;
        t.score = d.score();
        t.hits++;
        t.missed = 0;
        t.lookFailed = false;
        t.unseenSinceViewChange = false;
        confirmIfSeenEnough(t);
    }

    private void confirmIfSeenEnough(Track t) {
        if (t.id == 0 && t.hits >= config.minHits()) {
            t.id = nextId++;
        }
    }
}
