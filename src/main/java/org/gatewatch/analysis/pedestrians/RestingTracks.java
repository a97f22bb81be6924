package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.track.Tracker.Expected;
import org.opencv.core.Rect;

/**
 * Which moving blobs a frame may leave unlooked-at because a resting track ({@link Expected#resting()}) explains
 * them: the blob is that walker's own motion, centred on the track's predicted box and not much larger than it. A
 * blob beside the track (a companion walking next to it, someone stepping out from behind), or one as wide as two
 * people, is not explained and is looked at as usual, in this very frame. Plain numbers: tested without natives.
 */
final class RestingTracks {

    /**
     * The blob's centre lies within this share of the track box's width from the box's centre: a walker's blob is
     * centred on them (swinging arms and the stride widen it on both sides), a companion's is a body width off.
     */
    static final double CENTRE_X = 0.3;
    /** The same across the height: a person's blob is centred on their body unless only part of them moved. */
    static final double CENTRE_Y = 0.15;
    /** At most this much taller than the box: a taller blob holds something else (a person behind, a bag held up). */
    static final double MAX_HEIGHT = 1.3;
    /** At most this much wider: arms and stride and the blob's dilation, not a second person (about 2×). */
    static final double MAX_WIDTH = 1.5;

    /**
     * A detection with more than this share of its area inside a resting track's box, and shorter than
     * {@link #PART_HEIGHT} of it, is a part of that person (a hand, a head, half a body found where their blob moved):
     * in a frame that looks at the person whole, the whole-person box would have absorbed it.
     */
    static final double INSIDE = 0.5;
    static final double PART_HEIGHT = 0.75;

    private RestingTracks() {
    }

    /** The detections without the parts of resting people ({@link #INSIDE}), in their order. */
    static List<Detection> withoutParts(List<Detection> found, List<Expected> expected) {
        List<Detection> out = new ArrayList<>(found.size());
        for (Detection d : found) {
            if (!partOfAny(d, expected)) {
                out.add(d);
            }
        }
        return out;
    }

    private static boolean partOfAny(Detection d, List<Expected> expected) {
        Box box = new Box(d.x(), d.y(), d.width(), d.height());
        for (Expected e : expected) {
            if (e.resting() && d.height() < PART_HEIGHT * e.box().height()
                    && box.intersection(e.box()) > INSIDE * box.area()) {
                return true;
            }
        }
        return false;
    }

    /** The blobs no resting track explains, in their order. */
    static List<Rect> unexplained(List<Rect> moving, List<Expected> expected) {
        List<Box> resting = new ArrayList<>();
        for (Expected e : expected) {
            if (e.resting()) {
                resting.add(e.box());
            }
        }
        if (resting.isEmpty()) {
            return moving;
        }
        List<Rect> out = new ArrayList<>(moving.size());
        for (Rect m : moving) {
            if (!explainedByAny(m, resting)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Whether the blob is the motion of the walker whose track is expected at {@code track}. */
    static boolean explains(Box track, Rect blob) {
        double cx = blob.x + blob.width / 2.0;
        double cy = blob.y + blob.height / 2.0;
        return Math.abs(cx - track.centerX()) <= CENTRE_X * track.width()
                && Math.abs(cy - track.centerY()) <= CENTRE_Y * track.height()
                && blob.height <= MAX_HEIGHT * track.height()
                && blob.width <= MAX_WIDTH * track.width();
    }

    private static boolean explainedByAny(Rect blob, List<Box> tracks) {
        for (Box t : tracks) {
            if (explains(t, blob)) {
                return true;
            }
        }
        return false;
    }
}
