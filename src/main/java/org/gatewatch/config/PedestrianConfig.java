package org.gatewatch.config;

import java.util.Arrays;

/**
 * How one camera analyses pedestrians: the {@code people.*} section with that camera's own
 * {@code camera.<id>.people.*} overrides and counting line applied ({@link PedestrianSection} reads the keys). The
 * live camera and {@code bin/gatewatch analyze} both take this record, so both analyse alike.
 *
 * @param motionGating  run the pedestrian detector only where the background model saw motion (and around live tracks);
 *                      false scans every frame whole
 * @param roiMargin     a moving region is widened by this many of its own heights on each side before detection,
 *                      because motion often covers only the moving legs or arms of a pedestrian
 * @param countingLine  x1,y1,x2,y2 in frame pixels, or null for no line
 * @param detector      which person detector looks ({@code people.detector})
 */
public record PedestrianConfig(HogConfig hog, MotionConfig motion, TrackerConfig tracker, boolean motionGating,
                               double roiMargin, double[] countingLine, PersonDetectorKind detector) {

    public static final PedestrianConfig DEFAULTS = new PedestrianConfig(HogConfig.DEFAULTS, MotionConfig.DEFAULTS,
            TrackerConfig.DEFAULTS, true, 0.25, null, PersonDetectorKind.AUTO);

    public PedestrianConfig {
        if (!(roiMargin >= 0 && roiMargin <= 5)) {
            throw ConfigException.invalid("people.roiMargin", roiMargin, "0 to 5 region heights");
        }
        if (detector == null) {
            throw ConfigException.invalid("people.detector", "(none)", "hog, ssd or auto");
        }
        if (countingLine != null) {
            checkLine("people.countingLine", countingLine);
            countingLine = countingLine.clone();
        }
    }

    /** The counting line, copied (records would otherwise share the array). */
    @Override
    public double[] countingLine() {
        return countingLine == null ? null : countingLine.clone();
    }

    /** Whether the counting line is set. */
    public boolean counts() {
        return countingLine != null;
    }

    /** Refuses a counting line that is not two different points; {@code key} is the one it was read from. */
    static void checkLine(String key, double[] line) {
        if (line.length != 4 || (line[0] == line[2] && line[1] == line[3])) {
            throw ConfigException.invalid(key, Arrays.toString(line), "x1,y1,x2,y2: two different points");
        }
    }
}
