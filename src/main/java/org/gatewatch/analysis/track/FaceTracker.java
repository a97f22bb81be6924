package org.gatewatch.analysis.track;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.faces.FaceBox;
import org.gatewatch.analysis.faces.RecognizedFace;
import org.gatewatch.analysis.track.Tracker.Observation;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.gatewatch.config.TrackerConfig;

/**
 * Tracks the faces no pedestrian box holds (a close-up gate camera, where no whole body is in view), so each such
 * face still makes one walk-through. Its ids are its own, apart from the pedestrian tracker's. One analysis thread.
 */
public final class FaceTracker {

    /** A face track of one frame; {@code face} is the frame's face on it, or null when none was. */
    public record TrackedFace(TrackedObject track, RecognizedFace face) {
    }

    /** A face track takes the face it overlaps most, if above this IoU. */
    private static final double MIN_IOU = 0.1;

    private final Tracker tracker = new Tracker(TrackerConfig.DEFAULTS);

    /** Invoked with the faces of each frame where faces were looked for that no pedestrian holds. */
    public List<TrackedFace> update(List<RecognizedFace> faces) {
        return update(faces, false);
    }

    /**
     * As {@link #update(List)}; with {@code viewChanged} a face track not seen in this frame is not reported at its
     * prediction, which belongs to the old view, until seen again ({@link Tracker#update(List, boolean)}).
     */
    public List<TrackedFace> update(List<RecognizedFace> faces, boolean viewChanged) {
        List<Observation> observations = new ArrayList<>(faces.size());
        for (RecognizedFace f : faces) {
            observations.add(new Observation(box(f.face().box()), f.face().box().score()));
        }
        List<TrackedObject> tracked = tracker.update(observations, viewChanged);
        List<TrackedFace> out = new ArrayList<>(tracked.size());
        for (TrackedObject t : tracked) {
            out.add(new TrackedFace(t, t.detected() ? nearest(t.box(), faces) : null));
        }
        return out;
    }

    /** Live face tracks, so the caller keeps looking for faces while one lasts. */
    public int size() {
        return tracker.size();
    }

    /** Where each live face track is expected in the next frame. */
    public List<Box> predictions() {
        return tracker.predictions();
    }

    private static RecognizedFace nearest(Box box, List<RecognizedFace> faces) {
        RecognizedFace best = null;
        double bestIou = MIN_IOU;
        for (RecognizedFace f : faces) {
            double iou = box.iou(box(f.face().box()));
            if (iou > bestIou) {
                bestIou = iou;
                best = f;
            }
        }
        return best;
    }

    private static Box box(FaceBox b) {
        return new Box(b.x(), b.y(), b.width(), b.height());
    }
}
