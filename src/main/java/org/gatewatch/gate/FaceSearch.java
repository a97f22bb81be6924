package org.gatewatch.gate;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.pedestrians.SearchRegion;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.opencv.core.Rect;

/**
 * Where a frame's faces can be: around what moved and where people and faces are tracked, as the person detector
 * looked, rather than the whole picture. The face detector's time grows with the pixels it is shown (its image
 * pyramid covers every pixel), and on a camera where people cross part of the view that is most of its cost. Plain
 * numbers: tested without natives.
 */
final class FaceSearch {

    /** Past this share of the frame, one look at the whole frame costs about what the pieces would. */
    static final double WHOLE_FRAME_SHARE = 0.6;

    private FaceSearch() {
    }

    /**
     * The areas to look in, not overlapping: each region the person detector searched (already widened around its
     * blob or track), each pedestrian's box and each face track's expected box, widened by {@code minFace} (a head
     * above a box cut at the shoulders, a face that moved); the whole frame when they cover most of it.
     */
    static List<Rect> areas(List<SearchRegion> searched, List<TrackedObject> pedestrians, List<Box> faceTracks,
                            int cols, int rows, int minFace) {
        List<SearchRegion> where = new ArrayList<>(searched.size() + pedestrians.size() + faceTracks.size());
        for (SearchRegion r : searched) {
            where.add(widened(r.x(), r.y(), r.width(), r.height(), minFace, cols, rows));
        }
        for (TrackedObject p : pedestrians) {
            Box b = p.box();
            where.add(widened(b.x(), b.y(), b.width(), b.height(), minFace, cols, rows));
        }
        for (Box b : faceTracks) {
            where.add(widened(b.x(), b.y(), b.width(), b.height(), Math.max(minFace, b.width()), cols, rows));
        }
        List<SearchRegion> merged = SearchRegion.merged(where);
        long area = 0;
        for (SearchRegion r : merged) {
            area += r.area();
        }
        if (area > WHOLE_FRAME_SHARE * cols * rows) {
            return List.of(new Rect(0, 0, cols, rows));
        }
        List<Rect> out = new ArrayList<>(merged.size());
        for (SearchRegion r : merged) {
            out.add(new Rect(r.x(), r.y(), r.width(), r.height()));
        }
        return out;
    }

    /** The box grown by {@code margin} on each side, cut to the frame. */
    private static SearchRegion widened(double x, double y, double w, double h, double margin, int cols, int rows) {
        int x0 = (int) Math.max(0, Math.floor(x - margin));
        int y0 = (int) Math.max(0, Math.floor(y - margin));
        int x1 = (int) Math.min(cols, Math.ceil(x + w + margin));
        int y1 = (int) Math.min(rows, Math.ceil(y + h + margin));
        return new SearchRegion(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0), 0);
    }
}
