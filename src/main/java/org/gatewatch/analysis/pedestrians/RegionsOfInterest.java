package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.track.Tracker.Expected;
import org.opencv.core.Rect;

/**
 * Where a camera's person detector looks in a frame: around what moved and where tracks are expected, widened and
 * merged, each region with the height of the person expected there. Plain numbers, one per camera.
 */
final class RegionsOfInterest {

    /** When the regions would cover more than this share of the frame, one whole-frame scan is cheaper. */
    private static final double WHOLE_FRAME_SHARE = 0.6;

    private final double margin;
    private final double minPersonHeight;
    private final boolean tallApart;

    /**
     * @param margin          how far a region reaches around its blob or track, in person heights
     *                        ({@code people.roiMargin})
     * @param minPersonHeight the smallest person looked for ({@code people.hog.minPersonHeight}): a region reaches at
     *                        least that far around, so a region of a few moving pixels still holds a window
     * @param tallApart       merge regions of tall people apart from the small ones (a detector other than HOG)
     */
    RegionsOfInterest(double margin, double minPersonHeight, boolean tallApart) {
        this.margin = margin;
        this.minPersonHeight = minPersonHeight;
        this.tallApart = tallApart;
    }

    /**
     * Where to look: each moving region and each live track's predicted box, widened by the margin (motion often
     * covers only a pedestrian's legs or arms, and a track may have moved), merged where they overlap; a resting track
     * and the blobs it explains are left for its next look ({@code moving} is already without them). Each carries the
     * height of the blob or track as the expected pedestrian size. With a detector other than HOG, regions expecting
     * people of {@link AutoPersonDetector#SMALL_PERSON} px or more are merged apart from the smaller ones: a merged
     * region keeps its smallest expected person, and a close person's track must not be taken for a small one
     * because a small blob touched it.
     */
    List<SearchRegion> around(List<Rect> moving, List<Expected> expected, int cols, int rows) {
        List<SearchRegion> small = new ArrayList<>();
        List<SearchRegion> tall = new ArrayList<>();
        for (Rect m : moving) {
            sized(widen(m.x, m.y, m.width, m.height, cols, rows), small, tall);
        }
        for (Expected e : expected) {
            if (!e.resting()) {
                Box b = e.box();
                sized(widen(b.x(), b.y(), b.width(), b.height(), cols, rows), small, tall);
            }
        }
        List<SearchRegion> out = new ArrayList<>(wholeIfLarge(SearchRegion.merged(small), cols, rows));
        out.addAll(wholeIfLarge(SearchRegion.merged(tall), cols, rows));
        return out;
    }

    /**
     * The whole picture besides the regions of interest (kept apart: they carry the expected person's size, the whole
     * picture does not), for people who do not move.
     */
    static List<SearchRegion> withWholeLook(List<SearchRegion> regions, int cols, int rows) {
        if (regions.size() == 1 && regions.get(0).area() == (long) cols * rows) {
            return regions;
        }
        List<SearchRegion> all = new ArrayList<>(regions);
        all.add(SearchRegion.whole(cols, rows));
        return all;
    }

    /** The share of the frame the regions cover, 0-1. */
    static double share(List<SearchRegion> regions, int cols, int rows) {
        double area = 0;
        for (SearchRegion r : regions) {
            area += r.area(); // merged regions do not overlap
        }
        return Math.min(1, area / ((double) cols * rows));
    }

    private void sized(SearchRegion r, List<SearchRegion> small, List<SearchRegion> tall) {
        (tallApart && r.pedestrianHeight() >= AutoPersonDetector.SMALL_PERSON ? tall : small).add(r);
    }

    private static List<SearchRegion> wholeIfLarge(List<SearchRegion> merged, int cols, int rows) {
        if (share(merged, cols, rows) > WHOLE_FRAME_SHARE) {
            SearchRegion all = merged.get(0);
            for (SearchRegion r : merged) {
                all = all.union(r);
            }
            return List.of(new SearchRegion(0, 0, cols, rows, all.pedestrianHeight()));
        }
        return merged;
    }

    private SearchRegion widen(double x, double y, double w, double h, int cols, int rows) {
        double reach = Math.max(h, minPersonHeight);
        double m = margin * reach;
        int x0 = (int) Math.max(0, Math.floor(x - m));
        int y0 = (int) Math.max(0, Math.floor(y - m));
        int x1 = (int) Math.min(cols, Math.ceil(x + w + m));
        int y1 = (int) Math.min(rows, Math.ceil(y + h + m));
        return new SearchRegion(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0), h);
    }
}
