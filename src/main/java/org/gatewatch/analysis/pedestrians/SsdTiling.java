package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;

/**
 * Which squares of the frame an SSD with a small fixed input (300×300) should see so that the people expected in a
 * region are large enough for it. SSD-MobileNet finds people down to about a tenth of its input's height; a person
 * 60 px tall in a 768×576 frame squeezed into 300×300 is 25 px, which it mostly misses. So a region whose expected
 * person is small is looked at through squares small enough that the person fills {@link #TARGET_SHARE} of one,
 * tiled with overlap where the region is larger than one square. Plain numbers: tested without natives.
 */
public final class SsdTiling {

    /**
     * The expected person should be about this share of a tile's side: a third of 300 px (100 px) is where the
     * COCO-trained SSD finds upright people reliably; smaller tiles mean more of them for no gain.
     */
    static final double TARGET_SHARE = 1 / 3.0;
    /** A blob or track may be shorter than the person (only the legs moved): size for a slightly smaller one. */
    static final double HINT_SLACK = 0.75;
    /** Never enlarge more than 3×: the model sees no more detail, only blur. */
    static final double MIN_SIDE_OF_INPUT = 1 / 3.0;
    /** Neighbouring tiles overlap by this share of a side, so a person cut by one tile's edge is whole in the next. */
    static final double OVERLAP = 0.4;

    private SsdTiling() {
    }

    /**
     * One square holding the whole region when its expected person is large enough; else overlapping squares, and the
     * whole region once more as one view (a region that merged a close person's track with a small moving blob
     * carries the blob's small height, and the close person would only be seen cut into pieces by the squares).
     */
    public static List<SearchRegion> tiles(SearchRegion region, int cols, int rows, int inputSide) {
        double side = side(region.pedestrianHeight(), inputSide);
        if (side <= 0 || side >= Math.max(region.width(), region.height())) {
            return List.of(around(region, Math.max(side, Math.max(region.width(), region.height())), cols, rows));
        }
        double step = side * (1 - OVERLAP);
        int nx = region.width() <= side ? 1 : 1 + (int) Math.ceil((region.width() - side) / step);
        int ny = region.height() <= side ? 1 : 1 + (int) Math.ceil((region.height() - side) / step);
        List<SearchRegion> out = new ArrayList<>(nx * ny + 1);
        out.add(around(region, Math.max(region.width(), region.height()), cols, rows));
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                // Spread evenly so the last tile ends at the region's edge.
                double cx = region.x() + side / 2 + (nx == 1 ? (region.width() - side) / 2
                        : i * (region.width() - side) / (nx - 1));
                double cy = region.y() + side / 2 + (ny == 1 ? (region.height() - side) / 2
                        : j * (region.height() - side) / (ny - 1));
                out.add(square(cx, cy, side, cols, rows, region.pedestrianHeight()));
            }
        }
        return out;
    }

    /** The side of a square in which a person {@code pedestrianHeight} tall is large enough; 0 when unknown. */
    static double side(double pedestrianHeight, int inputSide) {
        if (pedestrianHeight <= 0) {
            return 0;
        }
        return Math.max(inputSide * MIN_SIDE_OF_INPUT, HINT_SLACK * pedestrianHeight / TARGET_SHARE);
    }

    private static SearchRegion around(SearchRegion r, double side, int cols, int rows) {
        if (side <= Math.max(r.width(), r.height()) && r.width() == r.height()) {
            return r;
        }
        return square(r.x() + r.width() / 2.0, r.y() + r.height() / 2.0, side, cols, rows, r.pedestrianHeight());
    }

    /**
     * A square of the given side centred near (cx, cy), moved inside the frame; cut to the frame where the frame is
     * smaller (the model then sees it a little stretched, as it does a whole frame).
     */
    private static SearchRegion square(double cx, double cy, double side, int cols, int rows, double hint) {
        int w = (int) Math.min(cols, Math.round(side));
        int h = (int) Math.min(rows, Math.round(side));
        int x = (int) Math.max(0, Math.min(cols - w, Math.round(cx - w / 2.0)));
        int y = (int) Math.max(0, Math.min(rows - h, Math.round(cy - h / 2.0)));
        return new SearchRegion(x, y, w, h, hint);
    }
}
