package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a detector should look, in frame pixels, and how tall a pedestrian there is expected to be: the height of the
 * moving blob or of the track that led there. A HOG detector enlarges each region just enough for that pedestrian to
 * fill its window instead of enlarging everything for the smallest pedestrian anywhere, which is most of the saving
 * of working on regions. A detector that has no use for the hint ignores it.
 *
 * @param pedestrianHeight expected pedestrian height in frame pixels, or 0 when unknown (look for every configured
 *                         size)
 */
public record SearchRegion(int x, int y, int width, int height, double pedestrianHeight) {

    public SearchRegion {
        if (width < 0 || height < 0 || pedestrianHeight < 0) {
            throw new IllegalArgumentException("bad region " + width + "x" + height + ", pedestrian "
                    + pedestrianHeight);
        }
    }

    /** The whole frame, no size hint. */
    public static SearchRegion whole(int cols, int rows) {
        return new SearchRegion(0, 0, cols, rows, 0);
    }

    public long area() {
        return (long) width * height;
    }

    public boolean overlaps(SearchRegion o) {
        return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
    }

    /** The smallest region holding both; the smaller known pedestrian height, since both sizes must still be found. */
    public SearchRegion union(SearchRegion o) {
        int x0 = Math.min(x, o.x);
        int y0 = Math.min(y, o.y);
        int x1 = Math.max(x + width, o.x + o.width);
        int y1 = Math.max(y + height, o.y + o.height);
        double h = pedestrianHeight == 0 || o.pedestrianHeight == 0 ? 0
                : Math.min(pedestrianHeight, o.pedestrianHeight);
        return new SearchRegion(x0, y0, x1 - x0, y1 - y0, h);
    }

    /** The regions with overlapping ones unioned until none overlap, so no pixel is looked at twice; empty ones dropped. */
    public static List<SearchRegion> merged(List<SearchRegion> regions) {
        List<SearchRegion> out = new ArrayList<>();
        for (SearchRegion r : regions) {
            if (r.width() > 0 && r.height() > 0) {
                out.add(r);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < out.size(); i++) {
                for (int j = i + 1; j < out.size(); j++) {
                    if (out.get(i).overlaps(out.get(j))) {
                        out.set(i, out.get(i).union(out.get(j)));
                        out.remove(j);
                        changed = true;
                        break outer;
                    }
                }
            }
        }
        return out;
    }
}
