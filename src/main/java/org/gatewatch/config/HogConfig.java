package org.gatewatch.config;

/**
 * Settings of the HOG pedestrian detector, range-checked on construction.
 *
 * @param minPersonHeight smallest pedestrian to find, head to feet in frame pixels; the image is enlarged so that
 *                        such a pedestrian fills the detector's window
 *                        ({@value #WINDOW_PEDESTRIAN_HEIGHT} px of its 128 px), because the
 *                        default detector misses anyone smaller than that
 * @param maxPersonHeight largest pedestrian to find in frame pixels; limits the pyramid's levels (0 = no limit)
 * @param scale           step between pyramid levels (OpenCV default 1.05; larger is faster and misses more)
 * @param stride          window step in pixels of the enlarged image (a multiple of the 8 px cell)
 * @param hitThreshold    SVM margin a window must exceed (OpenCV default 0; higher trades recall for precision)
 * @param groupThreshold  OpenCV's rectangle grouping: a hit must have more than this many overlapping neighbours
 *                        (OpenCV default 2; 0 keeps every raw window and leaves all merging to our NMS)
 */
public record HogConfig(double minPersonHeight, double maxPersonHeight, double scale, int stride,
                        double hitThreshold, int groupThreshold) {

    /**
     * OpenCV's defaults except: the smallest pedestrian 48 px (pedestrians 30-90 px tall at 768×576 in vtest.avi; smaller
     * ones are too few pixels for HOG even enlarged), pyramid step 1.1 (half the levels of 1.05 for the same
     * accuracy once tracking bridges single misses: src/test/resources/labels/README.md), grouping 1.
     */
    public static final HogConfig DEFAULTS = new HogConfig(48, 0, 1.1, 8, 0.0, 1);

    /** The INRIA person inside the default detector's 128 px window is about 96 px tall (Dalal and Triggs 2005). */
    public static final double WINDOW_PEDESTRIAN_HEIGHT = 96;

    public HogConfig {
        check(minPersonHeight >= 16 && minPersonHeight <= 2000, "minPersonHeight", minPersonHeight, "16 to 2000 px");
        check(maxPersonHeight == 0 || maxPersonHeight >= minPersonHeight && maxPersonHeight <= 4000,
                "maxPersonHeight", maxPersonHeight, "0 (no limit) or minPersonHeight to 4000 px");
        check(scale >= 1.01 && scale <= 2.0, "scale", scale, "1.01 to 2.0");
        check(stride >= 4 && stride <= 32 && stride % 4 == 0, "stride", stride, "4 to 32, a multiple of 4");
        check(hitThreshold >= -2 && hitThreshold <= 5, "hitThreshold", hitThreshold, "-2 to 5");
        check(groupThreshold >= 0 && groupThreshold <= 10, "groupThreshold", groupThreshold, "0 to 10");
    }

    /** How much the image is enlarged before detection; never shrunk (the pyramid does that). */
    public double upscale() {
        return Math.max(1.0, WINDOW_PEDESTRIAN_HEIGHT / minPersonHeight);
    }

    private static void check(boolean ok, String key, double value, String expected) {
        if (!ok) {
            throw ConfigException.invalid("people.hog." + key, value, expected);
        }
    }
}
