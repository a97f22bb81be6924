package org.gatewatch.analysis.pedestrians;

/**
 * Where a detector should look, in frame pixels, and how tall a person there is expected to be: the height of the
 * moving blob or of the track that led there. A HOG detector enlarges each region just enough for that person to
 * fill its window instead of enlarging everything for the smallest person anywhere, which is most of the saving
 * of working on regions. A detector that has no use for the hint ignores it.
 *
 * @param personHeight expected person height in frame pixels, or 0 when unknown (look for every configured size)
 */
public record SearchRegion(int x, int y, int width, int height, double personHeight) {

    public SearchRegion {
        if (width < 0 || height < 0 || personHeight < 0) {
            throw new IllegalArgumentException("bad region " + width + "x" + height + ", person " + personHeight);
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

    /** The smallest region holding both; the smaller known person height, since both sizes must still be found. */
    public SearchRegion union(SearchRegion o) {
        int x0 = Math.min(x, o.x);
        int y0 = Math.min(y, o.y);
        int x1 = Math.max(x + width, o.x + o.width);
        int y1 = Math.max(y + height, o.y + o.height);
        double h = personHeight == 0 || o.personHeight == 0 ? 0 : Math.min(personHeight, o.personHeight);
        return new SearchRegion(x0, y0, x1 - x0, y1 - y0, h);
    }
}
