package org.gatewatch.config;

/**
 * Settings of the background-subtraction motion stage, range-checked on construction.
 *
 * @param workWidth     frames are shrunk to this width before the background model (cost grows with pixels;
 *                      a person 30 px tall at 768 px is still 12 px tall at 320)
 * @param history       frames the MOG2 background remembers (OpenCV default 500; shorter forgets a person who
 *                      stopped sooner)
 * @param varThreshold  MOG2 squared Mahalanobis distance for "foreground" (OpenCV default 16)
 * @param minAreaFraction smallest moving blob kept, as a fraction of the frame (noise, leaves and litter below)
 */
public record MotionConfig(int workWidth, int history, double varThreshold, double minAreaFraction) {

    public static final MotionConfig DEFAULTS = new MotionConfig(320, 300, 16, 0.0005);

    public MotionConfig {
        check(workWidth >= 80 && workWidth <= 1920, "workWidth", workWidth, "80 to 1920 px");
        check(history >= 10 && history <= 10_000, "history", history, "10 to 10000 frames");
        check(varThreshold >= 4 && varThreshold <= 400, "varThreshold", varThreshold, "4 to 400");
        check(minAreaFraction >= 0 && minAreaFraction <= 0.1, "minAreaFraction", minAreaFraction, "0 to 0.1");
    }

    private static void check(boolean ok, String key, double value, String expected) {
        if (!ok) {
            throw ConfigException.invalid("people.motion." + key, value, expected);
        }
    }
}
