package org.gatewatch.config;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code people.*} keys into a {@link PedestrianConfig}. Each key may be overridden for one camera as
 * {@code camera.<id>.people.*} (people look smaller in a wide shot than at a close-up door), and the camera's own
 * {@code camera.<id>.countingLine} wins over every other line.
 */
public final class PedestrianSection {

    /** Every key with its default and range, for analyze --help (conf/gatewatch.properties documents the same). */
    public static final String KEY_HELP = """
              people.hog.minPersonHeight  48      smallest person, px head to feet (16..2000); images are enlarged
                                                  so such a person fills HOG's 64x128 window
              people.hog.maxPersonHeight  0       largest person, px (0 = no limit)
              people.hog.scale            1.1     HOG pyramid step (1.01..2; OpenCV's default 1.05 is slower)
              people.hog.stride           8       HOG window step, px (4..32, multiple of 4)
              people.hog.hitThreshold     0       HOG SVM margin to accept a window (-2..5)
              people.hog.groupThreshold   1       OpenCV rectangle grouping: neighbours a hit needs (0..10)
              people.motion.enabled       true    look only where something moved and around live tracks; a
                                                  track may only start where something moved (false: scan
                                                  every frame whole, any detection may start a track)
              people.motion.workWidth     320     width the MOG2 background model works at, px (80..1920)
              people.motion.history       300     frames the background remembers (10..10000)
              people.motion.varThreshold  16      MOG2 foreground threshold (4..400)
              people.motion.minAreaFraction 0.0005 smallest moving blob, fraction of the frame (0..0.1)
              people.roiMargin            0.25    moving regions are widened by this many of their heights (0..5)
              people.track.minIou         0.3     overlap that continues a track (0..1)
              people.track.maxCenterShift 0.5     or a centre within this many box heights (0..3)
              people.track.minHits        2       detections before a track is reported (1..20)
              people.track.maxMissed      10      frames a track survives unseen (0..300)
              people.track.maxCoast       3       frames it is still reported unseen, at its prediction (0..maxMissed)
              people.track.smoothing      0.7     weight of a new detection against the prediction (0..1]
              people.track.lookEvery      2       a steady track is looked for every this many frames, and
                                                  reported at its prediction in between (1..10; 1 = every
                                                  frame; at most maxCoast+1 takes effect)
              people.countingLine         (none)  x1,y1,x2,y2: in/out counts across this line (logged at the end)
            """;

    static final String PREFIX = "people.";
    static final Set<String> KEYS = Set.of("people.detector",
            "people.hog.minPersonHeight", "people.hog.maxPersonHeight", "people.hog.scale", "people.hog.stride",
            "people.hog.hitThreshold", "people.hog.groupThreshold",
            "people.motion.enabled", "people.motion.workWidth", "people.motion.history",
            "people.motion.varThreshold", "people.motion.minAreaFraction",
            "people.track.minIou", "people.track.maxCenterShift", "people.track.minHits", "people.track.maxMissed",
            "people.track.maxCoast", "people.track.smoothing", "people.track.lookEvery",
            "people.roiMargin", "people.countingLine");

    private PedestrianSection() {
    }

    /**
     * The configuration of camera {@code id}: {@link #parse} the {@link #keysFor keys of that camera}. A value out
     * of range is reported with the camera's id, since it may come from the camera's own block.
     */
    public static PedestrianConfig forCamera(Properties p, String id) {
        Properties keys = keysFor(p, id);
        try {
            return parse(keys);
        } catch (ConfigException e) {
            throw new ConfigException("camera " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code people.*} keys that apply to camera {@code id}: the shared ones of {@code p}, overridden by its
     * {@code camera.<id>.people.*} keys, and its {@code camera.<id>.countingLine} last (the camera's own key).
     * An unknown key of the camera's block is refused with its full name.
     */
    public static Properties keysFor(Properties p, String id) {
        String own = "camera." + id + ".";
        Properties merged = new Properties();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                merged.setProperty(key, p.getProperty(key));
            }
        }
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(own + PREFIX)) {
                String shared = key.substring(own.length());
                if (!KEYS.contains(shared)) {
                    throw ConfigException.invalid(key, p.getProperty(key), "unknown key; known: camera." + id + "."
                            + new TreeSet<>(KEYS));
                }
                merged.setProperty(shared, p.getProperty(key));
            }
        }
        String line = p.getProperty(own + "countingLine");
        if (line != null) {
            merged.setProperty("people.countingLine", line);
        }
        return merged;
    }

    /** Whether {@code key} is one of this section's keys. */
    public static boolean isKey(String key) {
        return KEYS.contains(key);
    }

    /**
     * Reads the {@code people.*} keys of {@code p}; keys without that prefix belong to other sections and are left
     * alone, unknown {@code people.*} keys are refused with their name (a typo must not fall back to a default).
     */
    public static PedestrianConfig parse(Properties p) {
        Set<String> unknown = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw ConfigException.invalid(key, p.getProperty(key), "unknown key; known: " + new TreeSet<>(KEYS));
        }
        HogConfig h = HogConfig.DEFAULTS;
        MotionConfig m = MotionConfig.DEFAULTS;
        TrackerConfig t = TrackerConfig.DEFAULTS;
        PedestrianConfig d = PedestrianConfig.DEFAULTS;
        return new PedestrianConfig(
                new HogConfig(ConfigValues.decimal(p, "people.hog.minPersonHeight", h.minPersonHeight()),
                        ConfigValues.decimal(p, "people.hog.maxPersonHeight", h.maxPersonHeight()),
                        ConfigValues.decimal(p, "people.hog.scale", h.scale()),
                        ConfigValues.integer(p, "people.hog.stride", h.stride()),
                        ConfigValues.decimal(p, "people.hog.hitThreshold", h.hitThreshold()),
                        ConfigValues.integer(p, "people.hog.groupThreshold", h.groupThreshold())),
                new MotionConfig(ConfigValues.integer(p, "people.motion.workWidth", m.workWidth()),
                        ConfigValues.integer(p, "people.motion.history", m.history()),
                        ConfigValues.decimal(p, "people.motion.varThreshold", m.varThreshold()),
                        ConfigValues.decimal(p, "people.motion.minAreaFraction", m.minAreaFraction())),
                new TrackerConfig(ConfigValues.decimal(p, "people.track.minIou", t.minIou()),
                        ConfigValues.decimal(p, "people.track.maxCenterShift", t.maxCenterShift()),
                        ConfigValues.integer(p, "people.track.minHits", t.minHits()),
                        ConfigValues.integer(p, "people.track.maxMissed", t.maxMissed()),
                        ConfigValues.integer(p, "people.track.maxCoast", t.maxCoast()),
                        ConfigValues.decimal(p, "people.track.smoothing", t.smoothing()),
                        ConfigValues.integer(p, "people.track.lookEvery", t.lookEvery())),
                ConfigValues.bool(p, "people.motion.enabled", d.motionGating()),
                ConfigValues.decimal(p, "people.roiMargin", d.roiMargin()),
                line(p, "people.countingLine"),
                detector(p, "people.detector", d.detector()));
    }

    private static PersonDetectorKind detector(Properties p, String key, PersonDetectorKind fallback) {
        String value = p.getProperty(key);
        return value == null ? fallback : PersonDetectorKind.parse(key, value.trim());
    }

    private static double[] line(Properties p, String key) {
        double[] xy = ConfigValues.decimals(p, key);
        if (xy != null && xy.length != 4) {
            throw ConfigException.invalid(key, p.getProperty(key), "x1,y1,x2,y2");
        }
        return xy;
    }
}
