package org.gatewatch.config;

/**
 * How detections are linked into tracks, range-checked on construction.
 *
 * @param minIou         a detection continues a track when it overlaps the track's predicted box by at least this
 * @param maxCenterShift or, failing that, when its centre is within this many box heights of the prediction and
 *                       its height within {@link #MAX_HEIGHT_RATIO} (pedestrians between HOG hits move, boxes jitter)
 * @param minHits        detections a new track needs before it is reported (one-frame false positives never are)
 * @param maxMissed      frames a track survives without a detection (occlusion, a missed frame) before it ends;
 *                       while missing it is reported at its predicted position for up to {@code maxCoast} frames
 * @param maxCoast       frames a confirmed track is still reported without a detection (0 = only when detected)
 * @param smoothing      weight of the new detection against the prediction when updating the box (1 = raw)
 * @param lookEvery      a confirmed track detected at its last look is looked for every this many analysed frames
 *                       and reported at its prediction in between, with its walker's own motion (1 = every frame;
 *                       at most {@code maxCoast + 1} takes effect); anything else that moves is looked at in every
 *                       frame
 */
public record TrackerConfig(double minIou, double maxCenterShift, int minHits, int maxMissed, int maxCoast,
                            double smoothing, int lookEvery) {

    /** A pedestrian's box may grow or shrink by this factor between matched frames, and no more. */
    public static final double MAX_HEIGHT_RATIO = 1.5;

    /**
     * Chosen for cameras at 5-15 fps, not tuned on the labels: two hits (0.2 s at 10 fps) before a track counts;
     * 10 frames (1 s) of memory for someone passing behind a sign or another pedestrian; reported at the prediction for
     * 3 frames (a pedestrian keeps walking while HOG misses a frame or two); 0.7 of each new box, 0.3 of the
     * prediction; a person already tracked looked for in every other frame (5 looks a second at 10 fps), while
     * whatever else moves is looked at in every frame.
     */
    public static final TrackerConfig DEFAULTS = new TrackerConfig(0.3, 0.5, 2, 10, 3, 0.7, 2);

    public TrackerConfig {
        check(minIou > 0 && minIou < 1, "minIou", minIou, "between 0 and 1");
        check(maxCenterShift >= 0 && maxCenterShift <= 3, "maxCenterShift", maxCenterShift, "0 to 3 box heights");
        check(minHits >= 1 && minHits <= 20, "minHits", minHits, "1 to 20");
        check(maxMissed >= 0 && maxMissed <= 300, "maxMissed", maxMissed, "0 to 300 frames");
        check(maxCoast >= 0 && maxCoast <= maxMissed, "maxCoast", maxCoast, "0 to maxMissed");
        check(smoothing > 0 && smoothing <= 1, "smoothing", smoothing, "above 0, at most 1");
        check(lookEvery >= 1 && lookEvery <= 10, "lookEvery", lookEvery, "1 to 10 frames");
    }

    /** Frames in a row a steady track may go without a look: {@code lookEvery - 1}, within what may be coasted. */
    public int restFrames() {
        return Math.min(lookEvery - 1, maxCoast);
    }

    private static void check(boolean ok, String key, double value, String expected) {
        if (!ok) {
            throw ConfigException.invalid("people.track." + key, value, expected);
        }
    }
}
